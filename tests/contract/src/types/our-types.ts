import ts from 'typescript';

/**
 * Our types of one operation, read from the signature of its `MiroApi` method. This is the one
 * place that knows the call shape (path parameters first, then `body`, then `query`, then
 * options; the result an `ApiPromise<T>` or `PagedPromise<T, Item>`): a change of call shape
 * changes this function only.
 */
export interface OurOperationTypes {
  /** Positional path parameters: TypeScript name and whether it may be left out. */
  readonly path: readonly { readonly name: string; readonly optional: boolean }[];
  readonly query: ts.Type | undefined;
  readonly body: ts.Type | undefined;
  readonly response: ts.Type | undefined;
}

export function ourOperationTypes(checker: ts.TypeChecker, method: ts.Symbol): OurOperationTypes {
  const declaration = method.valueDeclaration;
  if (!declaration) throw new Error(`MiroApi.${method.getName()} has no declaration`);
  const signature = checker.getSignaturesOfType(checker.getTypeOfSymbol(method), ts.SignatureKind.Call)[0];
  if (!signature) throw new Error(`MiroApi.${method.getName()} is not a method`);
  const path: { name: string; optional: boolean }[] = [];
  let query: ts.Type | undefined;
  let body: ts.Type | undefined;
  for (const parameter of signature.getParameters()) {
    const node = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
    const type = checker.getTypeOfSymbol(parameter);
    const optional = Boolean(node?.questionToken);
    const name = parameter.getName();
    if (name === 'options') continue;
    if (name === 'query') query = type;
    else if (name === 'body') body = type;
    else path.push({ name, optional });
  }
  const result = signature.getReturnType();
  const response = checker.getTypeArguments(result as ts.TypeReference)[0];
  return { path, query, body, response };
}
