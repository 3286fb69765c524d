// A reader with only Python's json and numpy must get the same logits as scratchnet
// from a scratchnet file: the format needs no scratchnet code to be used.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';
import { Network } from '@scratchnet/network';
import { describe, expect, test } from 'vitest';
import { encodeModel } from './model-encoder.js';

const script = fileURLToPath(new URL('../python/scratchnet_logits.py', import.meta.url));
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasNumpy)('python reader', () => {
  test('matches scratchnet logits on five MNIST test images', async () => {
    const { test: testSet } = await loadEmbeddedMnist();
    const count = 5;
    const pixels = testSet.images.slice(0, count * testSet.pixelCount);
    const inputs = testSet.gatherNormalized(
      new Float32Array(count * testSet.pixelCount),
      [0, 1, 2, 3, 4],
    );

    const network = Network.create(
      { sizes: [784, 32, 16, 10], activation: 'relu' },
      { random: new Random(5), initializer: 'he-normal' },
    );
    const expected = network.logits(inputs, count);

    const directory = await mkdtemp(join(tmpdir(), 'model-format-python-'));
    try {
      const modelPath = join(directory, 'model.safetensors');
      const imagesPath = join(directory, 'images.u8');
      await writeFile(modelPath, encodeModel(network));
      await writeFile(imagesPath, pixels);

      const result = spawnSync('python3', [script, modelPath, imagesPath, String(count)], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status, result.stderr).toBe(0);
      const logits = (JSON.parse(result.stdout) as number[][]).flat();

      expect(logits).toHaveLength(expected.length);
      logits.forEach((value, i) =>
        expect(
          Math.abs(value - expected[i]),
          `logit ${i}: python ${value}, scratchnet ${expected[i]}`,
        ).toBeLessThan(1e-5),
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
