// Reads and writes IDX files on disk. Compression is recognized from the first
// bytes (gzip magic), never from the file name.

import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createGunzip, gzip as gzipCallback } from 'node:zlib';

import { isGzip } from '../content-sniff.js';
import { GunzipOutput, gunzipError } from '../gzip-output.js';
import { decodeIdx, encodeIdx } from '../idx-codec.js';
import type { IdxTensor } from '../idx-codec.js';

const gzipAsync = promisify(gzipCallback);

/**
 * Reads a file and returns its bytes, decompressed when the content is gzip.
 * `inspectStored` receives the bytes as stored (before decompression), e.g. to check a digest.
 */
export async function readDecompressed(
  path: string,
  inspectStored?: (stored: Uint8Array) => void,
): Promise<Uint8Array> {
  const bytes = await readFile(path);
  inspectStored?.(bytes);
  if (!isGzip(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return await gunzipNode(bytes);
  } catch (error) {
    throw gunzipError(path, error);
  }
}

/** Decompresses gzip bytes with node:zlib into one buffer allocated up front (see GunzipOutput). */
async function gunzipNode(bytes: Uint8Array): Promise<Uint8Array> {
  const output = new GunzipOutput(bytes);
  const gunzip = createGunzip({ chunkSize: 1 << 16 });
  gunzip.on('data', (chunk: Buffer) => output.append(chunk));
  await new Promise<void>((resolve, reject) => {
    gunzip.on('end', resolve);
    gunzip.on('error', reject);
    gunzip.end(bytes);
  });
  return output.result();
}

/**
 * Reads an IDX file, raw or gzip (recognized from the content).
 * @throws IdxFormatError when the content is neither a valid IDX file nor gzip holding one.
 */
export async function readIdxFile(path: string): Promise<IdxTensor> {
  return decodeIdx(await readDecompressed(path), path);
}

/**
 * Writes `tensor` as an IDX file, gzip-compressed when `options.gzip` is true. The bytes go to
 * a temporary file in the same directory that is then renamed, so a reader never sees half a file.
 */
export async function writeIdxFile(
  path: string,
  tensor: IdxTensor,
  options: { gzip?: boolean } = {},
): Promise<void> {
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
