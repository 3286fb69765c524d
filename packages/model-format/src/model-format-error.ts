// The one error type raised for every malformed or unsupported model file (and for
// invalid arguments to the writers), with a stable code per rule. SPEC.md lists the codes.

/** Maximum message length in characters; longer messages are cut and end with an ellipsis. */
export const MAX_MESSAGE_LENGTH = 2000;

/** Stable codes of {@link ModelFormatError}; each names one broken rule. */
export type ModelFormatErrorCode =
  // safetensors layout
  | 'file-too-short'
  | 'header-too-large'
  | 'header-out-of-bounds'
  | 'header-not-utf8'
  | 'header-not-json'
  | 'header-not-object'
  | 'duplicate-key'
  | 'invalid-tensor-entry'
  | 'unknown-dtype'
  | 'invalid-shape'
  | 'invalid-offsets'
  | 'byte-length-mismatch'
  | 'data-overlap'
  | 'data-gap'
  | 'data-size-mismatch'
  | 'invalid-metadata'
  // scratchnet schema
  | 'not-scratchnet'
  | 'unsupported-version'
  | 'invalid-schema'
  | 'missing-tensor'
  | 'unexpected-tensor'
  | 'shape-mismatch'
  | 'dtype-mismatch'
  | 'checksum-mismatch'
  | 'non-finite-value'
  | 'invalid-checkpoint'
  // arguments given to a writer
  | 'invalid-argument';

/**
 * Error raised for every malformed or unsupported model file and for invalid writer
 * arguments. `code` is stable across releases; `message` states what is wrong, where, and
 * what to do.
 */
export class ModelFormatError extends Error {
  readonly code: ModelFormatErrorCode;

  constructor(code: ModelFormatErrorCode, message: string, options?: { cause?: unknown }) {
    // Messages quote values from the file; the cap keeps a hostile header from making them huge.
    super(
      message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message,
      options,
    );
    this.name = 'ModelFormatError';
    this.code = code;
  }
}
