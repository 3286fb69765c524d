// saveModel and loadModel through real files in a temporary directory.
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@scratchnet/network';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { encodeModel } from './model-encoder.js';
import { loadModel, ModelFormatError, saveModel } from './node.js';

function network(fill: number): Network {
  return Network.fromParameters({ sizes: [4, 3, 2], activation: 'tanh' }, [
    { weights: new Float32Array(12).fill(fill), biases: new Float32Array(3).fill(-fill) },
    { weights: new Float32Array(6).fill(fill / 2), biases: new Float32Array(2) },
  ]);
}

describe('saveModel and loadModel', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'model-format-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('writes the encoded bytes and leaves no temporary file', async () => {
    const path = join(directory, 'model.safetensors');
    await saveModel(path, network(0.25), { classLabels: ['a', 'b'] });
    expect(new Uint8Array(await readFile(path))).toEqual(
      encodeModel(network(0.25), { classLabels: ['a', 'b'] }),
    );
    expect(await readdir(directory)).toEqual(['model.safetensors']);
  });

  test('loads what it saved', async () => {
    const path = join(directory, 'model.safetensors');
    await saveModel(path, network(0.25));
    const { network: loaded, metadata } = await loadModel(path);
    expect(Array.from(loaded.layers[0].weights)).toEqual(
      Array.from(network(0.25).layers[0].weights),
    );
    expect(metadata.architecture.activations).toEqual(['tanh', 'softmax']);
  });

  test('replaces an existing file', async () => {
    const path = join(directory, 'model.safetensors');
    await saveModel(path, network(0.25));
    await saveModel(path, network(0.75));
    expect((await loadModel(path)).network.layers[0].weights[0]).toBe(0.75);
    expect(await readdir(directory)).toEqual(['model.safetensors']);
  });

  test('rejects a damaged file with ModelFormatError', async () => {
    const path = join(directory, 'damaged.safetensors');
    await writeFile(path, encodeModel(network(0.25)).subarray(0, 100));
    await expect(loadModel(path)).rejects.toBeInstanceOf(ModelFormatError);
  });

  test.skipIf(process.platform !== 'linux')('rejects /dev/zero without reading it', async () => {
    // /dev/zero never ends: reading it whole would exhaust memory, so the header check must come first.
    await expect(loadModel('/dev/zero')).rejects.toBeInstanceOf(ModelFormatError);
  });

  test('passes file-system errors through', async () => {
    await expect(loadModel(join(directory, 'missing.safetensors'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('concurrent saves', () => {
  test('to one path leave one valid file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'model-format-concurrent-'));
    try {
      const path = join(directory, 'model.safetensors');
      await Promise.all(
        [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((fill) => saveModel(path, network(fill))),
      );
      const weight = (await loadModel(path)).network.layers[0].weights[0];
      expect([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map(Math.fround)).toContain(weight);
      expect(await readdir(directory)).toEqual(['model.safetensors']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  test('keep the permission bits of a replaced file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'model-format-mode-'));
    try {
      const path = join(directory, 'model.safetensors');
      await saveModel(path, network(0.1));
      await chmod(path, 0o600);
      await saveModel(path, network(0.2));
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
