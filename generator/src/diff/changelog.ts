import type { ApiChange, ApiDiff, Severity } from './types.js';

export interface SpecVersion {
  readonly published: string;
  readonly commit: string;
  readonly sha256: string;
}

const BUMP_MEANING: Readonly<Record<Severity, string>> = {
  major: 'breaking: code written against the previous version may not compile',
  minor: 'additions only: existing code keeps compiling',
  patch: 'nothing a TypeScript caller can see changed in the types',
};

/**
 * A readable changelog of the API change, in Markdown: breaking changes first, then additions, then
 * non-breaking changes worth a look, then the rest. Operations and named types added or removed in
 * bulk are listed compactly.
 */
export function renderChangelog(diff: ApiDiff, from: SpecVersion, to: SpecVersion): string {
  const lines: string[] = [];
  const { added, removed, renamed } = diff.operations;
  const counts = [
    `${added.length} ${plural(added.length, 'operation')} added`,
    `${removed.length} removed`,
    ...(renamed.length ? [`${renamed.length} renamed`] : []),
  ].join(', ');
  lines.push(
    `Miro REST API spec updated to the version published ${to.published} (${short(to)}; was ${from.published}, ${short(from)}): ${counts}.`,
    '',
    `This is a ${diff.bump} change (${BUMP_MEANING[diff.bump]}).`,
  );

  const breaking = diff.changes.filter((c) => c.severity === 'major');
  const minor = diff.changes.filter((c) => c.severity === 'minor');
  const patch = diff.changes.filter((c) => c.severity === 'patch');

  if (breaking.length) {
    lines.push('', '#### Breaking changes', '');
    const removedTypes = breaking.filter((c) => c.kind === 'schema-removed');
    const renamedTypes = breaking.filter((c) => c.kind === 'schema-renamed');
    for (const c of breaking.filter((c) => c.kind !== 'schema-removed' && c.kind !== 'schema-renamed'))
      lines.push(bullet(c));
    if (removedTypes.length)
      lines.push(
        `- Exported types removed (${removedTypes.length}): ${removedTypes.map((c) => code(c.where)).join(', ')}`,
      );
    if (diff.schemas.renamed.length) {
      lines.push(
        `- Exported types renamed, same shape (${renamedTypes.length}): ${diff.schemas.renamed.map((r) => `${code(r.from)} → ${code(r.to)}`).join(', ')}`,
      );
    }
  }

  if (added.length) {
    lines.push('', `#### New operations (${added.length})`, '');
    // Names and paths only: the spec's prose stays out of the repository.
    for (const op of added) lines.push(`- ${code(op.methodName)}: \`${op.method} ${op.path}\``);
  }

  const otherMinor = minor.filter((c) => c.kind !== 'operation-added' && c.kind !== 'schema-added' && !c.note);
  const newTypes = minor.filter((c) => c.kind === 'schema-added');
  if (otherMinor.length || newTypes.length) {
    lines.push('', '#### Other additions', '');
    for (const c of otherMinor) lines.push(bullet(c));
    if (newTypes.length)
      lines.push(`- New exported types (${newTypes.length}): ${newTypes.map((c) => code(c.where)).join(', ')}`);
  }

  const noted = diff.changes.filter((c) => c.note && c.severity !== 'major');
  if (noted.length) {
    lines.push('', '#### Non-breaking, but worth a look', '');
    for (const c of noted) lines.push(bullet(c));
  }

  if (patch.length) {
    lines.push('', '#### Other changes', '');
    for (const c of patch) lines.push(bullet(c));
  }
  return `${lines.join('\n')}\n`;
}

function bullet(c: ApiChange): string {
  const users = c.usedBy?.length
    ? ` (used by ${c.usedBy.slice(0, 3).map(code).join(', ')}${c.usedBy.length > 3 ? ` and ${c.usedBy.length - 3} more` : ''})`
    : '';
  return `- ${code(c.where)}: ${c.message}${c.note ? `; ${c.note}` : ''}${users}`;
}

function code(text: string): string {
  return `\`${text}\``;
}

function short(v: SpecVersion): string {
  return [
    v.commit && v.commit !== 'unknown' ? `commit ${v.commit.slice(0, 7)}` : undefined,
    `sha256 ${v.sha256.slice(0, 12)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** The changeset file: `@miro/api` bumped as the diff says, the changelog as its summary. */
export function renderChangeset(bump: Severity, changelog: string): string {
  return `---\n"@miro/api": ${bump}\n---\n\n${changelog}`;
}
