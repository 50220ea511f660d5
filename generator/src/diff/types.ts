/** What a spec change means for a TypeScript caller of `@miro/api`, as a semver bump. */
export type Severity = 'major' | 'minor' | 'patch';

/** Where a type sits: in what a caller sends (request) or in what a caller reads (response). */
export type Position = 'request' | 'response';

export type ChangeKind =
  // operations
  | 'operation-added'
  | 'operation-removed'
  | 'operation-renamed'
  | 'operation-moved'
  | 'operation-deprecated'
  | 'operation-metadata'
  | 'path-parameter-added'
  | 'path-parameter-removed'
  | 'path-parameter-retyped'
  | 'path-parameter-renamed'
  | 'query-argument-added'
  | 'body-added'
  | 'body-removed'
  | 'body-required'
  | 'body-optional'
  | 'body-content-type'
  | 'response-body-added'
  | 'response-body-removed'
  | 'response-kind'
  | 'response-status'
  | 'pagination-added'
  | 'pagination-removed'
  | 'pagination-kind'
  // members: query/header parameters and object fields
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-required'
  | 'parameter-optional'
  | 'parameter-deprecated'
  | 'field-added'
  | 'field-removed'
  | 'field-required'
  | 'field-optional'
  | 'field-deprecated'
  | 'field-readonly'
  // types
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'variant-added'
  | 'variant-removed'
  | 'part-added'
  | 'part-removed'
  | 'nullable-added'
  | 'nullable-removed'
  | 'type-widened'
  | 'type-narrowed'
  | 'type-changed'
  | 'map-added'
  | 'map-removed'
  | 'format-changed'
  // exported named types
  | 'schema-added'
  | 'schema-removed'
  | 'schema-renamed'
  | 'write-variant-added'
  | 'write-variant-removed';

export interface ApiChange {
  readonly kind: ChangeKind;
  readonly severity: Severity;
  /**
   * Where the change is: `getBoards`, `getBoards query.limit`, `createBoard body.policy`,
   * `getBoard response.owner`, or a named type and a path inside it (`Board.policy.sharingPolicy`).
   */
  readonly where: string;
  readonly message: string;
  /** A non-breaking change a caller may still have to act on (e.g. a response enum that gained a value). */
  readonly note?: string;
  /** The operation it belongs to (operationId), for operation-level changes. */
  readonly operationId?: string;
  /** The named type it belongs to (TypeScript name), for changes inside an exported type. */
  readonly schema?: string;
  /** Method names of the operations that reach the named type, for changes inside one. */
  readonly usedBy?: readonly string[];
}

export interface OperationRef {
  readonly operationId: string;
  readonly methodName: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string | undefined;
}

export interface ApiDiff {
  readonly operations: {
    readonly added: readonly OperationRef[];
    readonly removed: readonly OperationRef[];
    /** Same method and path, new operationId. */
    readonly renamed: readonly { readonly from: OperationRef; readonly to: OperationRef }[];
  };
  readonly schemas: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    /** Same shape, new exported name. */
    readonly renamed: readonly { readonly from: string; readonly to: string }[];
  };
  /** Every change, operations first (by method name), then named types (by name). */
  readonly changes: readonly ApiChange[];
  /** The highest severity of all changes; `patch` when nothing a caller can see changed. */
  readonly bump: Severity;
}
