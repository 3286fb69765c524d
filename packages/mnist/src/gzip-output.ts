// Shared by the web and the Node gunzip: the output buffer sized from the gzip
// trailer, and the error for a stream that fails to decompress.

import { IdxFormatError } from './errors.js';

/**
 * Collects decompressed chunks into one buffer allocated up front. Its size comes from the
 * gzip trailer (RFC 1952 ISIZE, the uncompressed size modulo 2^32). It grows only for sizes
 * of 4 GiB or more, or for files of several gzip members.
 */
export class GunzipOutput {
  private bytes: Uint8Array;
  private length = 0;

  constructor(gzipBytes: Uint8Array) {
    const view = new DataView(gzipBytes.buffer, gzipBytes.byteOffset, gzipBytes.byteLength);
    this.bytes = new Uint8Array(
      gzipBytes.length >= 18 ? view.getUint32(gzipBytes.length - 4, true) : 0,
    );
  }

  append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.length + chunk.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** Returns the decompressed bytes, without copying when the trailer size was right. */
  result(): Uint8Array {
    return this.length === this.bytes.length ? this.bytes : this.bytes.slice(0, this.length);
  }
}

/** Returns the error for gzip content of `fileName` that failed to decompress. */
export function gunzipError(fileName: string, error: unknown): IdxFormatError {
  const reason = error instanceof Error ? error.message : String(error);
  return new IdxFormatError(
    fileName,
    `${fileName}: gzip decompression failed (${reason}); the file is corrupt or truncated, download it again.`,
  );
}
