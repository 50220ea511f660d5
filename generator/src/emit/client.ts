import {
  Scope,
  StructureKind,
  type MethodDeclarationStructure,
  type OptionalKind,
  type SourceFile,
} from './ts-morph.js';
import { pascalOf } from '../ir/names.js';
import type { ApiIR, OperationIR, TypeIR } from '../ir/types.js';
import { interfaceText, propertyKey, typeAliasText, typeText, type TypeTextContext } from './type-text.js';
import { writeVariantNames } from './types.js';

/** Names of the types a method's signature uses, shared by `parameters.gen.ts` and `client.gen.ts`. */
interface SignatureNames {
  readonly query: string | null;
  readonly body: string | null;
  readonly response: string;
  readonly item: string | null;
}

function signatureNames(op: OperationIR, taken: ReadonlySet<string>): SignatureNames {
  const base = pascalOf(op.methodName);
  const pick = (suffix: string): string => {
    let name = `${base}${suffix}`;
    while (taken.has(name)) name = `${name}_`;
    return name;
  };
  const hasQuery = op.parameters.some((p) => p.in !== 'path');
  return {
    query: hasQuery ? pick('Query') : null,
    body: op.body ? pick('Body') : null,
    response: pick('Response'),
    item: op.pagination ? pick('Item') : null,
  };
}

/** `parameters.gen.ts`: per-operation query, body, response and page-item types. */
export function emitParameters(file: SourceFile, ir: ApiIR): void {
  const taken = new Set(ir.schemas.map((s) => s.name));
  const writeVariants = writeVariantNames(ir);
  const request: TypeTextContext = { mode: 'request', writeVariants, prefix: 'T.' };
  const response: TypeTextContext = { mode: 'response', writeVariants, prefix: 'T.' };
  file.addImportDeclaration({ isTypeOnly: true, namespaceImport: 'T', moduleSpecifier: './types.gen.js' });
  file.addImportDeclaration({ isTypeOnly: true, namedImports: ['Uploadable'], moduleSpecifier: '../runtime/index.js' });
  const statements: string[] = [];
  for (const op of ir.operations) {
    const names = signatureNames(op, taken);
    if (names.query) {
      const members = op.parameters
        .filter((p) => p.in !== 'path')
        .map((p) => ({
          name: propertyKey(p.name),
          type: typeText(p.type, request, '  '),
          optional: !p.required,
          docs: [p.description, p.deprecated ? '@deprecated' : undefined],
        }));
      statements.push(
        interfaceText(names.query, members, { docs: [`Query parameters of {@link MiroApi.${op.methodName}}.`] }),
      );
    }
    if (op.body && names.body) {
      statements.push(
        typeAliasText(names.body, typeText(op.body.type, request), [
          `Request body of {@link MiroApi.${op.methodName}}.`,
        ]),
      );
    }
    const resolved =
      op.success.type && op.success.kind !== 'empty'
        ? typeText(op.success.type, response)
        : op.success.kind === 'text'
          ? 'string'
          : 'void';
    statements.push(typeAliasText(names.response, resolved, [`What {@link MiroApi.${op.methodName}} resolves to.`]));
    if (op.pagination && names.item) {
      statements.push(
        typeAliasText(names.item, typeText(op.pagination.itemType, response), [
          `One item of a page of {@link MiroApi.${op.methodName}}.`,
        ]),
      );
    }
  }
  // One insertion for all declarations: ts-morph re-parses the file on every insertion.
  file.addStatements(statements);
}

/** `client.gen.ts`: the `MiroApi` class, one method per operation, each a single call into the runtime. */
export function emitClient(file: SourceFile, ir: ApiIR): void {
  const taken = new Set(ir.schemas.map((s) => s.name));
  file.addImportDeclaration({ namedImports: ['MiroApiBase'], moduleSpecifier: '../runtime/index.js' });
  file.addImportDeclaration({
    isTypeOnly: true,
    namedImports: ['ApiPromise', 'PagedPromise', 'RequestOptions'],
    moduleSpecifier: '../runtime/index.js',
  });
  file.addImportDeclaration({ namedImports: ['operations'], moduleSpecifier: './operations.gen.js' });
  file.addImportDeclaration({ isTypeOnly: true, namespaceImport: 'P', moduleSpecifier: './parameters.gen.js' });
  file.addClass({
    name: 'MiroApi',
    isExported: true,
    extends: 'MiroApiBase',
    docs: [
      `Client for ${ir.title} ${ir.version}: one method per operation, named by its operationId.\n\n` +
        '```ts\nconst api = new MiroApi(process.env.MIRO_ACCESS_TOKEN!);\nfor await (const board of api.getBoards({ limit: 50 })) console.log(board.name);\n```',
    ],
    methods: ir.operations.map((op) => method(op, signatureNames(op, taken))),
  });
}

function pathParamType(type: TypeIR): string {
  return type.kind === 'number' ? 'string | number' : 'string';
}

function method(op: OperationIR, names: SignatureNames): OptionalKind<MethodDeclarationStructure> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryRequired = op.parameters.some((p) => p.in !== 'path' && p.required);
  const parameters: { name: string; type: string; hasQuestionToken?: boolean }[] = pathParams.map((p) => ({
    name: p.name,
    type: pathParamType(p.type),
  }));
  if (op.body && names.body)
    parameters.push({ name: 'body', type: `P.${names.body}`, hasQuestionToken: !op.body.required });
  if (names.query) parameters.push({ name: 'query', type: `P.${names.query}`, hasQuestionToken: !queryRequired });
  parameters.push({ name: 'options', type: 'RequestOptions', hasQuestionToken: true });
  // A required parameter may not follow an optional one: make earlier optional ones `| undefined`.
  for (let i = parameters.length - 1, seenRequired = false; i >= 0; i--) {
    const p = parameters[i]!;
    if (!p.hasQuestionToken) seenRequired = true;
    else if (seenRequired) {
      p.hasQuestionToken = false;
      p.type = `${p.type} | undefined`;
    }
  }
  const response = `P.${names.response}`;
  const returnType =
    op.pagination && names.item ? `PagedPromise<${response}, P.${names.item}>` : `ApiPromise<${response}>`;
  const call = op.pagination ? 'paged' : 'request';
  const args = [
    `operations.${op.methodName}`,
    `[${pathParams.map((p) => p.name).join(', ')}]`,
    op.body ? 'body' : 'undefined',
    names.query ? 'query' : 'undefined',
    'options',
  ];
  return {
    kind: StructureKind.Method,
    name: op.methodName,
    scope: Scope.Public,
    docs: [methodDoc(op)],
    parameters,
    returnType,
    statements: [`return this.${call}(${args.join(', ')});`],
  };
}

function methodDoc(op: OperationIR): string {
  const facts = [
    op.scopes.length ? `Required scope: ${op.scopes.map((s) => `\`${s}\``).join(', ')}.` : undefined,
    op.rateLimitLevel
      ? `Rate limit: level ${op.rateLimitLevel} (${op.credits} credits${op.creditsPerItem ? ' per item of the body' : ''}).`
      : `Rate limit: not documented (budgeted as ${op.credits} credits).`,
    op.pagination
      ? `Paged by ${op.pagination.kind}: \`for await\` the result to walk every item of every page.`
      : undefined,
  ].filter(Boolean);
  const description = op.description?.replace(/\n*Required scope:[\s\S]*$/i, '').trim();
  const params = op.parameters
    .filter((p) => p.in === 'path')
    .map((p) => `@param ${p.name} ${(p.description ?? '').split('\n')[0]}`.trim());
  return [
    op.summary ?? op.operationId,
    description ? `\n${description}` : undefined,
    `\n${facts.join(' ')}`,
    `\n\`${op.method} ${op.path}\` (operationId \`${op.operationId}\`)\n`,
    ...params,
    op.docsUrl ? `@see ${op.docsUrl}` : undefined,
    op.deprecated ? '@deprecated' : undefined,
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n')
    .replace(/\*\//g, '*\\/');
}
