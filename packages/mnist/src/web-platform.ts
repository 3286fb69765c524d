// Web-standard gunzip and SHA-256 (DecompressionStream and crypto.subtle), so
// the universal entry needs no Node modules. Node 20 has both as globals too.

import { isGzip } from './content-sniff.js';
import { GunzipOutput, gunzipError } from './gzip-output.js';

/** Returns `bytes` decompressed when they start with the gzip magic, else `bytes` unchanged. */
export async function gunzipIfNeeded(bytes: Uint8Array, fileName = '<bytes>'): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes);
  } catch (error) {
    throw gunzipError(fileName, error);
  }
}

/** Decompresses gzip bytes with `DecompressionStream`. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const output = new GunzipOutput(bytes);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    output.append(value);
  }
  return output.result();
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
