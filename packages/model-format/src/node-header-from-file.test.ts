// readModelHeaderFromFile reads the 8-byte prefix and the header, and nothing after it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readModelHeader } from './model-decoder.js';
import { loadModel, ModelFormatError, readModelHeaderFromFile } from './node.js';
import { buildModelFile, validModelParts } from './test-model-files.js';

describe('readModelHeaderFromFile', () => {
  let directory: string;
  const bytes = buildModelFile(validModelParts([4, 3, 2]));

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'model-format-header-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('returns what readModelHeader returns', async () => {
    const path = join(directory, 'model.safetensors');
    await writeFile(path, bytes);
    expect(await readModelHeaderFromFile(path)).toEqual(readModelHeader(bytes));
  });

  test('does not read the tensor data', async () => {
    const path = join(directory, 'garbage-data.safetensors');
    const damaged = bytes.slice();
    damaged.fill(0xff, bytes.byteLength - 92);
    await writeFile(path, damaged);
    expect((await readModelHeaderFromFile(path)).metadata.architecture.sizes).toEqual([4, 3, 2]);
    await expect(loadModel(path)).rejects.toMatchObject({ code: 'checksum-mismatch' });
  });

  test('checks the data size from the file size', async () => {
    const path = join(directory, 'truncated.safetensors');
    await writeFile(path, bytes.subarray(0, bytes.byteLength - 1));
    await expect(readModelHeaderFromFile(path)).rejects.toMatchObject({ code: 'invalid-offsets' });
  });

  test('rejects files shorter than the length prefix', async () => {
    const path = join(directory, 'short.safetensors');
    await writeFile(path, bytes.subarray(0, 3));
    await expect(readModelHeaderFromFile(path)).rejects.toBeInstanceOf(ModelFormatError);
    await expect(readModelHeaderFromFile(path)).rejects.toMatchObject({ code: 'file-too-short' });
  });
});
