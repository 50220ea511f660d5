import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  type ClassDeclaration,
  Node,
  type ParameterDeclaration,
  Project,
  type SourceFile,
  ts,
  type Type,
} from 'ts-morph';

/**
 * Reads the official Node client's high-level object model (`@mirohq/miro-api`: `MiroApi`, `Board`,
 * `StickyNoteItem`...) from its published type declarations, and which low-level calls each method
 * makes from its published JavaScript, so that our model can be held to it: same classes, same
 * method names, compatible parameters.
 */

export const OFFICIAL_PACKAGE = '@mirohq/miro-api';

export interface OfficialParameter {
  readonly name: string;
  /** The type as the declaration writes it: `Parameters<MiroApi['createCardItem']>[1]`. */
  readonly declaredType: string;
  /** The type the compiler resolves it to: `CardCreateRequest`. */
  readonly resolvedType: string;
  /** The caller may leave it out (`?`, or a default). */
  readonly optional: boolean;
  /** For a type written `Parameters<MiroApi['op']>[i]` (possibly in an `Omit<..., 'k'>`): which low-level argument it is. */
  readonly lowLevel?: OfficialArgumentRef;
}

export interface OfficialArgumentRef {
  /** The official low-level method (the spec's operationId in camelCase). */
  readonly method: string;
  readonly index: number;
  /** That argument's name in the official low-level client (`cardCreateRequest`, `query`). */
  readonly name: string;
  /** Keys the high-level method leaves out of it (`cursor`, `offset`: it pages by itself). */
  readonly omitted: readonly string[];
}

export type OfficialMethodKind = 'promise' | 'async-iterator' | 'sync';

export interface OfficialMethod {
  readonly name: string;
  readonly parameters: readonly OfficialParameter[];
  /** As declared: `Promise<Board>`, `AsyncGenerator<Item, void>`. */
  readonly returnType: string;
  readonly kind: OfficialMethodKind;
  /** The class that declares it (`BaseBoard` for `Board.getAllItems`). */
  readonly declaredIn: string;
  /** Low-level methods its implementation calls, in source order, without repeats. */
  readonly calls: readonly string[];
  /** Raw requests its implementation sends instead (`POST /v2/boards/${...}/${...}` for file uploads). */
  readonly rawCalls: readonly string[];
}

export interface OfficialProperty {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly declaredIn: string;
}

export interface OfficialClass {
  readonly name: string;
  /** The base class as `extends` names it. */
  readonly extends: string | undefined;
  /** Identifiers the constructor takes between the low-level client and the data (`boardId`, `id`); none for `MiroApi`. */
  readonly idFields: readonly string[];
  readonly constructorParameters: readonly OfficialParameter[];
  readonly methods: readonly OfficialMethod[];
  /** Data fields an instance carries (the response model's fields and the id fields). */
  readonly properties: readonly OfficialProperty[];
}

export interface OfficialModel {
  readonly packageName: string;
  readonly version: string;
  /** Every high-level class a user can import or get an instance of, sorted by name. */
  readonly classes: readonly OfficialClass[];
}

/**
 * The installed package's folder, found in the `node_modules` folders from `from` up (not through
 * `NODE_PATH`, which pnpm points at every package of the store), or an error that names the
 * package and how to get it.
 */
export function findOfficialPackage(from: string = import.meta.dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', ...OFFICIAL_PACKAGE.split('/'));
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(
    `${OFFICIAL_PACKAGE}@2.2.4 is not installed (looked from ${from}): it is a devDependency of @miro/generator; run \`pnpm install\``,
  );
}

/** Reads the official high-level model from the package at `packageDir` (default: the installed one). */
export function readOfficialModel(packageDir: string = findOfficialPackage()): OfficialModel {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
    types?: string;
  };
  if (manifest.name !== OFFICIAL_PACKAGE)
    throw new Error(`${packageDir} holds ${manifest.name ?? 'no package name'}, not ${OFFICIAL_PACKAGE}`);
  const entry = join(packageDir, manifest.types ?? 'dist/index.d.ts');
  if (!existsSync(entry)) throw new Error(`${OFFICIAL_PACKAGE}: its type declarations ${entry} are missing`);
  const dist = dirname(entry);

  const types = new Project({
    compilerOptions: { strict: true, skipLibCheck: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: [] },
    skipAddingFilesFromTsConfig: true,
  });
  const entryFile = types.addSourceFileAtPath(entry);
  types.resolveSourceFileDependencies();
  const implementations = new JsImplementations(dist);
  const lowLevel = lowLevelParameterNames(types, dist);

  const found = new Map<string, ClassDeclaration>();
  const queue: ClassDeclaration[] = exportedClasses(entryFile).filter((c) => isHighLevel(c, dist));
  while (queue.length) {
    const cls = queue.shift() as ClassDeclaration;
    const name = cls.getName();
    if (!name || found.has(name)) continue;
    found.set(name, cls);
    // Classes the public methods hand out are public too (`tokenInfo()` gives a `TokenInformation`).
    for (const method of publicMethods(cls))
      for (const returned of classesIn(method.returnType)) if (isHighLevel(returned, dist)) queue.push(returned);
  }

  const classes = [...found.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, cls]) => describeClass(name, cls, implementations, lowLevel));
  return { packageName: OFFICIAL_PACKAGE, version: manifest.version ?? 'unknown', classes };
}

function exportedClasses(file: SourceFile): ClassDeclaration[] {
  const out: ClassDeclaration[] = [];
  for (const declarations of file.getExportedDeclarations().values())
    for (const declaration of declarations) if (Node.isClassDeclaration(declaration)) out.push(declaration);
  return out;
}

/** Declared under `dist/highlevel`, or derived from a class that is (`MiroApi extends Api`). */
function isHighLevel(cls: ClassDeclaration, dist: string): boolean {
  for (let current: ClassDeclaration | undefined = cls; current; current = current.getBaseClass()) {
    const path = relative(dist, current.getSourceFile().getFilePath());
    if (path.split(sep)[0] === 'highlevel') return true;
  }
  return false;
}

function isHidden(node: Node): boolean {
  if (!Node.isJSDocable(node)) return false;
  return node.getJsDocs().some((doc) => doc.getTags().some((tag) => tag.getTagName() === 'hidden'));
}

function isPublicMember(node: Node): boolean {
  if (!Node.isModifierable(node)) return true;
  if (node.hasModifier(ts.SyntaxKind.StaticKeyword)) return false;
  if (node.hasModifier(ts.SyntaxKind.PrivateKeyword) || node.hasModifier(ts.SyntaxKind.ProtectedKeyword)) return false;
  const name = Node.hasName(node) ? node.getName() : '';
  return !name.startsWith('_') && !isHidden(node);
}

interface RawMethod {
  readonly name: string;
  readonly declaredIn: ClassDeclaration;
  readonly parameters: readonly ParameterDeclaration[];
  readonly returnType: Type;
  readonly returnText: string;
}

/** Public methods of a class and its bases, the most derived declaration of each name winning; function-typed properties (`connectTo`) count as methods. */
function publicMethods(cls: ClassDeclaration): RawMethod[] {
  const byName = new Map<string, RawMethod>();
  for (let current: ClassDeclaration | undefined = cls; current; current = current.getBaseClass()) {
    for (const method of current.getMethods()) {
      if (!isPublicMember(method) || byName.has(method.getName())) continue;
      byName.set(method.getName(), {
        name: method.getName(),
        declaredIn: current,
        parameters: method.getParameters(),
        returnType: method.getReturnType(),
        returnText: method.getReturnTypeNode()?.getText() ?? method.getReturnType().getText(method),
      });
    }
    for (const property of current.getProperties()) {
      const typeNode = property.getTypeNode();
      if (!isPublicMember(property) || byName.has(property.getName()) || !Node.isFunctionTypeNode(typeNode)) continue;
      byName.set(property.getName(), {
        name: property.getName(),
        declaredIn: current,
        parameters: typeNode.getParameters(),
        returnType: typeNode.getReturnType(),
        returnText: typeNode.getReturnTypeNode()?.getText() ?? typeNode.getReturnType().getText(typeNode),
      });
    }
  }
  return [...byName.values()];
}

function classesIn(type: Type): ClassDeclaration[] {
  const out: ClassDeclaration[] = [];
  const visit = (t: Type): void => {
    for (const declaration of t.getSymbol()?.getDeclarations() ?? [])
      if (Node.isClassDeclaration(declaration)) out.push(declaration);
    for (const argument of t.getTypeArguments()) visit(argument);
    for (const member of t.isUnion() ? t.getUnionTypes() : []) visit(member);
  };
  visit(type);
  return out;
}

const LOW_LEVEL_REF = /Parameters<MiroApi\['(\w+)'\]>\[(\d+)\]/;

function describeParameter(
  parameter: ParameterDeclaration,
  lowLevel: ReadonlyMap<string, readonly string[]>,
): OfficialParameter {
  const declaredType = parameter.getTypeNode()?.getText() ?? 'any';
  const resolvedType = parameter
    .getType()
    .getText(parameter, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
  const match = LOW_LEVEL_REF.exec(declaredType);
  const base = { name: parameter.getName(), declaredType, resolvedType, optional: parameter.isOptional() };
  if (!match) return base;
  const method = match[1] as string;
  const index = Number(match[2]);
  const omitted = /^Omit</.test(declaredType)
    ? [...declaredType.matchAll(/'(\w+)'>\s*$/g)].map((m) => m[1] as string)
    : [];
  return { ...base, lowLevel: { method, index, name: lowLevel.get(method)?.[index] ?? '', omitted } };
}

function describeClass(
  name: string,
  cls: ClassDeclaration,
  implementations: JsImplementations,
  lowLevel: ReadonlyMap<string, readonly string[]>,
): OfficialClass {
  const methods = publicMethods(cls)
    .map((method): OfficialMethod => {
      const declaredIn = method.declaredIn.getName() ?? '';
      const body = implementations.find(method.declaredIn.getSourceFile().getFilePath(), declaredIn, method.name);
      const calls = (body?.calls ?? []).filter((call) => lowLevel.has(call));
      return {
        name: method.name,
        parameters: method.parameters.map((p) => describeParameter(p, lowLevel)),
        returnType: method.returnText,
        kind: /^AsyncGenerator</.test(method.returnText)
          ? 'async-iterator'
          : /^Promise</.test(method.returnText)
            ? 'promise'
            : 'sync',
        declaredIn,
        calls,
        rawCalls: body?.rawCalls ?? [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const constructorParameters = (cls.getConstructors()[0]?.getParameters() ?? []).map((p) =>
    describeParameter(p, lowLevel),
  );
  const names = constructorParameters.map((p) => p.name);
  // Model objects are built as `new Board(api, id, props)`; the client itself takes options instead.
  const idFields = names[0] === 'api' ? names.slice(1).filter((n) => n !== 'props') : [];
  const properties = new Map<string, OfficialProperty>();
  for (let current: ClassDeclaration | undefined = cls; current; current = current.getBaseClass()) {
    for (const property of current.getProperties()) {
      const propertyName = property.getName().replace(/^'(.*)'$/, '$1');
      if (!isPublicMember(property) || properties.has(propertyName) || Node.isFunctionTypeNode(property.getTypeNode()))
        continue;
      properties.set(propertyName, {
        name: propertyName,
        type: property.getTypeNode()?.getText() ?? property.getType().getText(property),
        optional: property.hasQuestionToken(),
        declaredIn: current.getName() ?? '',
      });
    }
  }
  return {
    name,
    extends: cls.getExtends()?.getExpression().getText(),
    idFields,
    constructorParameters,
    methods,
    properties: [...properties.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Parameter names of the official low-level client's methods (`MiroApi` in `dist/api`). */
function lowLevelParameterNames(project: Project, dist: string): Map<string, readonly string[]> {
  const names = new Map<string, readonly string[]>();
  for (const file of project.getSourceFiles()) {
    if (relative(dist, file.getFilePath()).split(sep)[0] !== 'api') continue;
    const api = file.getClass('MiroApi');
    if (!api) continue;
    for (const method of api.getMethods())
      names.set(
        method.getName(),
        method.getParameters().map((p) => p.getName()),
      );
  }
  return names;
}

interface CallSummary {
  readonly calls: string[];
  readonly rawCalls: string[];
}

/** The published JavaScript of the high-level classes: which `this._api` calls each method makes. */
class JsImplementations {
  readonly #project = new Project({
    compilerOptions: { allowJs: true, noEmit: true },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
  readonly #cache = new Map<string, CallSummary | undefined>();

  constructor(readonly dist: string) {}

  /** The calls of `className.methodName` declared in `declarationFile` (its `.js` twin), following `this.m = Other.prototype.m`. */
  find(declarationFile: string, className: string, methodName: string): CallSummary | undefined {
    const jsPath = declarationFile.replace(/\.d\.ts$/, '.js');
    const key = `${jsPath}#${className}.${methodName}`;
    if (this.#cache.has(key)) return this.#cache.get(key);
    this.#cache.set(key, undefined);
    const result = this.#lookup(jsPath, className, methodName);
    this.#cache.set(key, result);
    return result;
  }

  #lookup(jsPath: string, className: string, methodName: string): CallSummary | undefined {
    if (!existsSync(jsPath)) return undefined;
    const file = this.#project.getSourceFile(jsPath) ?? this.#project.addSourceFileAtPath(jsPath);
    const cls = file.getClass(className);
    if (!cls) return undefined;
    const method = cls.getMethod(methodName);
    if (method) {
      // Follow calls to the class's own helpers (`createImageItem` uploads through `fileUploadRequest`).
      const own = summarizeCalls(method);
      for (const helper of own.helpers) {
        const more = helper === methodName ? undefined : this.find(jsPath.replace(/\.js$/, '.d.ts'), className, helper);
        for (const call of more?.calls ?? []) if (!own.calls.includes(call)) own.calls.push(call);
        own.rawCalls.push(...(more?.rawCalls ?? []));
      }
      return { calls: own.calls, rawCalls: own.rawCalls };
    }
    // `this.connectTo = ConnectableItem.prototype.connectTo;` in the constructor.
    for (const statement of cls.getConstructors()[0]?.getStatements() ?? []) {
      const text = statement.getText();
      const borrowed = new RegExp(`this\\.${methodName}\\s*=\\s*(?:\\w+\\.)?(\\w+)\\.prototype\\.(\\w+)`).exec(text);
      if (!borrowed) continue;
      const [, owner, borrowedName] = borrowed as unknown as [string, string, string];
      const ownerFile = this.#fileDeclaring(owner, file);
      return ownerFile ? this.find(ownerFile.replace(/\.js$/, '.d.ts'), owner, borrowedName) : undefined;
    }
    return undefined;
  }

  /** The `.js` file of the same folder that declares class `name` (`ConnectableItem` in `Item.js`). */
  #fileDeclaring(name: string, from: SourceFile): string | undefined {
    if (from.getClass(name)) return from.getFilePath();
    const folder = dirname(from.getFilePath());
    for (const candidate of [`${name}.js`, 'Item.js', 'index.js']) {
      const path = join(folder, candidate);
      if (!existsSync(path)) continue;
      const file = this.#project.getSourceFile(path) ?? this.#project.addSourceFileAtPath(path);
      if (file.getClass(name)) return path;
    }
    return undefined;
  }
}

function summarizeCalls(node: Node): CallSummary & { readonly helpers: string[] } {
  const calls: string[] = [];
  const rawCalls: string[] = [];
  const helpers: string[] = [];
  for (const call of node.getDescendantsOfKind(ts.SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const target = callee.getExpression().getText();
    if (target === 'this') helpers.push(callee.getName());
    if (target !== 'this._api') continue;
    const name = callee.getName();
    if (name === 'call') {
      const [method, path] = call.getArguments().map((a) => a.getText().replace(/^['"`]|['"`]$/g, ''));
      rawCalls.push(`${method} ${path}`);
    } else if (!calls.includes(name)) calls.push(name);
  }
  return { calls, rawCalls, helpers };
}
