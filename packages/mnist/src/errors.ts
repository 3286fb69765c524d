// Error classes for the two ways loading can fail: bytes that are not a valid
// IDX file, and IDX files that do not form a consistent dataset.

/** Thrown when bytes are not a valid IDX file (bad magic, wrong byte count, unknown type). */
export class IdxFormatError extends Error {
  override readonly name = 'IdxFormatError';
  /** File name or URL the bytes came from, or `'<bytes>'` when none was given. */
  readonly fileName: string;

  constructor(fileName: string, message: string) {
    super(message);
    this.fileName = fileName;
  }
}

/** Thrown when IDX files do not form a dataset: counts, labels, image sizes or missing files. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}
