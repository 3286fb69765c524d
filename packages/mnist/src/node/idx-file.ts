// Reads and writes IDX files on disk. Compression is recognised from the first
// bytes (gzip magic), never from the file name.

import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createGunzip, gzip as gzipCallback } from 'node:zlib';

import { isGzip } from '../content-sniff.js';
import { IdxFormatError } from '../errors.js';
import { decodeIdx, encodeIdx } from '../idx-codec.js';
import type { IdxTensor } from '../idx-codec.js';

const gzipAsync = promisify(gzipCallback);

/**
 * Reads a file and returns its bytes, decompressed when the content is gzip.
 * `inspectStored` sees the bytes as stored (before decompression), e.g. to check a digest.
 */
export async function readDecompressed(path: string, inspectStored?: (stored: Uint8Array) => void): Promise<Uint8Array> {
  const bytes = await readFile(path);
  inspectStored?.(bytes);
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzipNode(bytes);
  } catch (error) {
    throw new IdxFormatError(
      path,
      `${path}: gzip decompression failed (${(error as Error).message}); the file is corrupt or truncated, download it again.`,
    );
  }
}

/**
 * Decompresses gzip bytes with node:zlib into one buffer allocated up front from the size in
 * the gzip trailer (RFC 1952 ISIZE, the size modulo 2^32), so peak memory is the compressed
 * plus the decompressed size rather than twice the decompressed size.
 */
async function gunzipNode(bytes: Uint8Array): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = new Uint8Array(bytes.length >= 18 ? view.getUint32(bytes.length - 4, true) : 0);
  let length = 0;

  const gunzip = createGunzip({ chunkSize: 1 << 16 });
  gunzip.on('data', (chunk: Buffer) => {
    // Only a file of 4 GiB or more, or several gzip members, outgrows the trailer's size.
    if (length + chunk.length > out.length) {
      const grown = new Uint8Array(Math.max(2 * out.length, length + chunk.length));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(chunk, length);
    length += chunk.length;
  });
  await new Promise<void>((resolve, reject) => {
    gunzip.on('end', resolve);
    gunzip.on('error', reject);
    gunzip.end(bytes);
  });
  return length === out.length ? out : out.slice(0, length);
}

/**
 * Reads an IDX file, raw or gzip (recognised from the content).
 * @throws IdxFormatError when the content is neither a valid IDX file nor gzip holding one.
 */
export async function readIdxFile(path: string): Promise<IdxTensor> {
  return decodeIdx(await readDecompressed(path), path);
}

/**
 * Writes `tensor` as an IDX file, gzip-compressed when `options.gzip` is true. The bytes go to
 * a temporary file in the same directory that is then renamed, so a reader never sees half a file.
 */
export async function writeIdxFile(path: string, tensor: IdxTensor, options: { gzip?: boolean } = {}): Promise<void> {
  const encoded = encodeIdx(tensor);
  const bytes = options.gzip === true ? await gzipAsync(encoded) : encoded;
  const temporaryPath = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temporaryPath, bytes);
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}
