/** Words of an identifier: split on anything that is not a letter or digit. */
function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * camelCase of an operationId, keeping the capitals it already has:
 * `get-boards` -> `getBoards`, `getItemsByGroupId` stays, `revoke-token-v2` -> `revokeTokenV2`.
 */
export function methodNameOf(operationId: string): string {
  const [first = '', ...rest] = words(operationId);
  const name = first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join('');
  return /^[0-9]/.test(name) ? `op${capitalize(name)}` : name;
}

/**
 * Clean camelCase name of a parameter. Miro's spec tags some path parameters with the name of the
 * team that owns the endpoint (`board_id_PlatformTags`, `board_id_PlatformFileUpload`): that
 * suffix is not part of the parameter's meaning, so it is dropped.
 */
export function parameterNameOf(wireName: string): string {
  const base = wireName.replace(/_Platform[A-Za-z0-9]*$/, '');
  const [first = '', ...rest] = words(base);
  const name = first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join('');
  return /^[0-9]/.test(name) ? `p${name}` : name;
}

/** Global names a generated type must not shadow, since the generated code and users' code use them. */
const RESERVED_TYPE_NAMES = new Set([
  'Array',
  'Blob',
  'Boolean',
  'Date',
  'Error',
  'File',
  'FormData',
  'Function',
  'Headers',
  'Map',
  'Number',
  'Object',
  'Omit',
  'Partial',
  'Pick',
  'Promise',
  'Readonly',
  'Record',
  'Request',
  'Required',
  'Response',
  'Set',
  'String',
  'Symbol',
  'URL',
  'Uint8Array',
]);

/** PascalCase TypeScript identifier for a schema name; names that shadow globals get a `Schema` suffix. */
export function typeNameOf(specName: string): string {
  const name = words(specName).map(capitalize).join('') || 'Unnamed';
  const safe = /^[0-9]/.test(name) ? `T${name}` : name;
  return RESERVED_TYPE_NAMES.has(safe) ? `${safe}Schema` : safe;
}

/** PascalCase of a method name, for the names of its parameter types (`getBoards` -> `GetBoards`). */
export function pascalOf(methodName: string): string {
  return capitalize(methodName);
}
