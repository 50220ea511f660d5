import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SpecError } from '../errors.js';
import { queryJsonPath } from './jsonpath.js';
import type { JsonObject } from './load.js';

/** An OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0). */
export interface Overlay {
  readonly file: string;
  readonly title: string;
  readonly actions: readonly OverlayAction[];
}

export interface OverlayAction {
  readonly target: string;
  readonly description?: string;
  readonly update?: unknown;
  readonly remove?: boolean;
}

export interface OverlayActionResult {
  readonly overlay: string;
  readonly target: string;
  readonly description: string | undefined;
  /** Nodes the target selected; 0 means the action no longer applies to this spec. */
  readonly matched: number;
}

export async function loadOverlays(dir: string): Promise<Overlay[]> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  return Promise.all(files.map(async (file) => parseOverlay(await readFile(join(dir, file), 'utf8'), file)));
}

export function parseOverlay(text: string, file: string): Overlay {
  let doc: { overlay?: string; info?: { title?: string }; actions?: OverlayAction[] } | null;
  try {
    doc = parseYaml(text) as typeof doc;
  } catch (error) {
    throw new SpecError(`invalid YAML: ${(error as Error).message.split('\n')[0]}`, '', file);
  }
  if (!doc || typeof doc.overlay !== 'string' || !Array.isArray(doc.actions)) {
    throw new SpecError('not an overlay document (needs `overlay` and `actions`)', '', file);
  }
  doc.actions.forEach((action, index) => {
    if (typeof action?.target !== 'string') throw new SpecError('action has no `target`', `/actions/${index}`, file);
  });
  return { file, title: doc.info?.title ?? file, actions: doc.actions };
}

/** Applies overlays in order to a copy-free document (mutates `spec`) and reports what each action matched. */
export function applyOverlays(spec: JsonObject, overlays: readonly Overlay[]): OverlayActionResult[] {
  const results: OverlayActionResult[] = [];
  for (const overlay of overlays) {
    for (const action of overlay.actions) {
      const matches = queryJsonPath(spec, action.target);
      for (const match of matches) {
        if (action.remove) {
          if (Array.isArray(match.parent)) match.parent.splice(match.key as number, 1);
          else if (match.parent) delete match.parent[match.key as string];
        } else if (action.update !== undefined) {
          if (match.value === null || typeof match.value !== 'object') {
            throw new SpecError(`overlay target ${action.target} is not an object or array`, '', overlay.file);
          }
          mergeInto(match.value as Record<string, unknown> | unknown[], action.update);
        }
      }
      results.push({
        overlay: overlay.file,
        target: action.target,
        description: action.description,
        matched: matches.length,
      });
    }
  }
  return results;
}

/** Overlay `update` semantics: objects merge recursively, arrays append, primitives replace. */
function mergeInto(target: Record<string, unknown> | unknown[], update: unknown): void {
  if (Array.isArray(target)) {
    if (Array.isArray(update)) target.push(...structuredClone(update));
    else target.push(structuredClone(update));
    return;
  }
  if (update === null || typeof update !== 'object' || Array.isArray(update)) return;
  for (const [key, value] of Object.entries(update)) {
    const existing = target[key];
    if (
      existing !== null &&
      typeof existing === 'object' &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(existing) &&
      !Array.isArray(value)
    ) {
      mergeInto(existing as Record<string, unknown>, value);
    } else {
      target[key] = structuredClone(value);
    }
  }
}
