// @scratchnet/model-format/node: model files on disk. Saves are atomic (temporary file
// in the same directory, fsync, rename), and headers can be read without the tensors.
// File-system errors (ENOENT, EACCES, ENOSPC, ...) propagate unchanged as Node errors.

import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Network } from '@scratchnet/network';
import {
  decodeModel,
  summarizeHeader,
  type DecodedModel,
  type ModelHeader,
} from './model-decoder.js';
import { encodeModel, type EncodeModelOptions } from './model-encoder.js';
import { ModelFormatError } from './model-format-error.js';
import {
  HEADER_LENGTH_BYTES,
  parseHeader,
  readHeaderByteLength,
  type HeaderReadOptions,
} from './safetensors-header.js';

export * from './index.js';

/**
 * Saves `network` to `path` atomically: the bytes go to a new temporary file in the same
 * directory, are flushed to disk, and the file is then renamed over `path`. If any step
 * fails, the temporary file is removed and an existing file at `path` is left as it was.
 * A replaced file keeps its permission bits; a new one gets 0o644 (less the umask).
 */
export async function saveModel(
  path: string,
  network: Network,
  options: EncodeModelOptions = {},
): Promise<void> {
  const bytes = encodeModel(network, options);
  const directory = dirname(path);
  const mode = await stat(path).then(
    (existing) => existing.mode & 0o777,
    () => 0o644,
  );

  // A random name, opened with 'wx', so concurrent saves never share a temporary file.
  const temporaryPath = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temporaryPath, 'wx', mode);
  try {
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporaryPath, path);
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}

/** Loads and checks a model file, returning a network ready for prediction. */
export async function loadModel(
  path: string,
  options: HeaderReadOptions = {},
): Promise<DecodedModel> {
  // Check the header against the file's size before reading the whole file, so that a path to
  // a device such as /dev/zero or to some unrelated large file fails at once instead of being read.
  await readModelHeaderFromFile(path, options);
  const bytes = await readFile(path);
  return decodeModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
}

/**
 * Reads and checks the header and metadata of a model file, reading only its first
 * 8 + header-length bytes. The tensors are neither read nor checksummed.
 */
export async function readModelHeaderFromFile(
  path: string,
  options: HeaderReadOptions = {},
): Promise<ModelHeader> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const prefix = new Uint8Array(HEADER_LENGTH_BYTES);
    const prefixByteLength = await readFully(file, prefix, 0);
    const headerByteLength = readHeaderByteLength(
      prefix.subarray(0, prefixByteLength),
      size,
      options,
    );

    const headerBytes = new Uint8Array(headerByteLength);
    const bytesRead = await readFully(file, headerBytes, HEADER_LENGTH_BYTES);
    if (bytesRead < headerByteLength) {
      throw new ModelFormatError(
        'header-out-of-bounds',
        `Read only ${bytesRead} of the ${headerByteLength} header bytes of ${path}; the file was truncated while it was read.`,
      );
    }
    return summarizeHeader(parseHeader(headerBytes, size - HEADER_LENGTH_BYTES - headerByteLength));
  } finally {
    await file.close();
  }
}

/** Reads into `buffer` from `position` until it is full or the file ends; returns the bytes read. */
async function readFully(file: FileHandle, buffer: Uint8Array, position: number): Promise<number> {
  let filled = 0;
  while (filled < buffer.byteLength) {
    const { bytesRead } = await file.read(
      buffer,
      filled,
      buffer.byteLength - filled,
      position + filled,
    );
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

/** Flushes the directory entry of a rename, where the platform allows opening directories. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory for fsync; the rename itself has already succeeded.
  } finally {
    await handle?.close();
  }
}
