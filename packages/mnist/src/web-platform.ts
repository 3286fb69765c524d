// Web-standard gunzip and SHA-256 (DecompressionStream and crypto.subtle), so
// the universal entry needs no Node modules. Node 20 has both as globals too.

import { isGzip } from './content-sniff.js';
import { IdxFormatError } from './errors.js';

/** Returns `bytes` decompressed when they start with the gzip magic, else `bytes` unchanged. */
export async function gunzipIfNeeded(bytes: Uint8Array, fileName = '<bytes>'): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes);
  } catch (error) {
    throw new IdxFormatError(
      fileName,
      `${fileName}: gzip decompression failed (${(error as Error).message}); the file is corrupt or truncated, download it again.`,
    );
  }
}

/** Decompresses gzip bytes with `DecompressionStream`. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();

  // The gzip trailer stores the uncompressed size modulo 2^32 (RFC 1952 ISIZE), so the
  // output is allocated once; the growth path only runs for sizes of 4 GiB or more.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = new Uint8Array(bytes.length >= 18 ? view.getUint32(bytes.length - 4, true) : 0);
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > out.length) {
      const grown = new Uint8Array(Math.max(2 * out.length, length + value.length));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(value, length);
    length += value.length;
  }
  return length === out.length ? out : out.slice(0, length);
}

/** Returns the SHA-256 (lowercase hex) of the concatenation of `parts`, computed with crypto.subtle. */
export async function sha256Hex(parts: readonly Uint8Array[]): Promise<string> {
  // NOTE: crypto.subtle has no incremental digest, so the parts are copied into one buffer first.
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  const digest = await crypto.subtle.digest('SHA-256', joined);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
