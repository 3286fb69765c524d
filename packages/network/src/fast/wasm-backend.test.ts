import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Activation } from '../activation.js';
import type { GradientBuffers } from '../backend.js';
import { jsBackend } from '../js-backend.js';
import type { LabeledImages } from '../labeled-images.js';
import { Network } from '../network.js';
import { createWasmBackend } from './wasm-backend.js';
import type { WasmBackend } from './wasm-backend.js';

// Gradients may differ from the js backend by float32 rounding only: the engine sums each
// image's pixels in another order and scales by 1/255 after the sum. The bound is relative to
// the largest gradient entry of each tensor.
const RELATIVE_TOLERANCE = 1e-4;

let mnist: { train: LabeledImages; test: LabeledImages };
const backends: WasmBackend[] = [];

beforeAll(async () => {
  const data = await loadEmbeddedMnist();
  mnist = { train: data.train, test: data.test };
});

afterAll(async () => {
  for (const backend of backends) await backend.dispose?.();
});

function backendWithThreads(threads: number): WasmBackend {
  const backend = createWasmBackend({ threads });
  backends.push(backend);
  return backend;
}

function zeroGradients(network: Network): GradientBuffers {
  return {
    dWeights: network.layers.map((layer) => new Float32Array(layer.weights.length)),
    dBiases: network.layers.map((layer) => new Float32Array(layer.biases.length)),
  };
}

/** Images with MNIST's sparsity (about 80 % zeros) and random labels. */
function randomImages(count: number, pixelCount: number, classCount: number, random: Random): LabeledImages {
  const images = new Uint8Array(count * pixelCount);
  for (let index = 0; index < images.length; index++) images[index] = random.next() < 0.8 ? 0 : random.integer(1, 256);
  const labels = Uint8Array.from({ length: count }, () => random.integer(0, classCount));
  return { count, pixelCount, images, labels };
}

function sliceOf(data: LabeledImages, count: number): LabeledImages {
  return {
    count,
    pixelCount: data.pixelCount,
    images: data.images.subarray(0, count * data.pixelCount),
    labels: data.labels.subarray(0, count),
  };
}

/** Returns whether two float arrays hold the same bits (faster than a deep equality). */
function sameBits(left: Float32Array, right: Float32Array): boolean {
  return Buffer.from(left.buffer, left.byteOffset, left.byteLength).equals(Buffer.from(right.buffer, right.byteOffset, right.byteLength));
}

function expectClose(actual: Float32Array, expected: Float32Array, tensorName: string): void {
  let largest = 0;
  for (const value of expected) largest = Math.max(largest, Math.abs(value));
  let worst = 0;
  for (let index = 0; index < expected.length; index++) worst = Math.max(worst, Math.abs(actual[index] - expected[index]));
  expect(worst, `${tensorName}: largest difference ${worst} against entries up to ${largest}`).toBeLessThanOrEqual(
    RELATIVE_TOLERANCE * largest + 1e-9,
  );
}

async function compareWithJs(
  network: Network,
  data: LabeledImages,
  indices: Uint32Array | null,
  backend: WasmBackend,
  dropoutRate = 0,
): Promise<void> {
  const expected = zeroGradients(network);
  const actual = zeroGradients(network);
  // Two generators with one seed: equal masks need equal draws in equal order.
  const jsRandom = new Random(77);
  const wasmRandom = new Random(77);
  const dropout = (random: Random) => (dropoutRate > 0 ? { rate: dropoutRate, random } : undefined);
  const reference = await jsBackend.computeGradients(network, data, indices, expected, dropout(jsRandom));
  const result = await backend.computeGradients(network, data, indices, actual, dropout(wasmRandom));
  expect(wasmRandom.getState()).toEqual(jsRandom.getState());
  expect(result.correct).toBe(reference.correct);
  expect(Math.abs(result.lossSum - reference.lossSum)).toBeLessThanOrEqual(1e-5 * Math.abs(reference.lossSum));
  network.layers.forEach((_, index) => {
    expectClose(actual.dWeights[index], expected.dWeights[index], `dWeights[${index}]`);
    expectClose(actual.dBiases[index], expected.dBiases[index], `dBiases[${index}]`);
  });
}

describe('wasm backend gradients', () => {
  const cases: { sizes: number[]; activation: Activation }[] = [
    { sizes: [784, 10, 10], activation: 'relu' },
    { sizes: [784, 37, 19, 10], activation: 'leaky-relu' },
    { sizes: [100, 24, 7], activation: 'sigmoid' },
    { sizes: [64, 5, 3], activation: 'tanh' },
    { sizes: [50, 16, 8, 4], activation: 'identity' },
    { sizes: [784, 10], activation: 'relu' },
  ];
  for (const { sizes, activation } of cases) {
    it(`matches js for ${sizes.join('-')} ${activation}`, async () => {
      const random = new Random(sizes.length * 101 + sizes[1]);
      const network = Network.create({ sizes, activation }, { random });
      const data = randomImages(700, sizes[0], sizes[sizes.length - 1], random);
      const indices = Uint32Array.from({ length: 130 }, () => random.integer(0, data.count));
      await compareWithJs(network, data, null, backendWithThreads(2));
      await compareWithJs(network, data, indices, backendWithThreads(1));
    });
  }

  it('matches js on an MNIST slice, full batch and mini-batch', async () => {
    const backend = backendWithThreads(2);
    const data = sliceOf(mnist.train, 3000);
    for (const initializer of ['uniform-0.5', 'he-uniform'] as const) {
      const network = Network.create({ sizes: [784, 128, 10], activation: 'relu' }, { random: new Random(7), initializer });
      await compareWithJs(network, data, null, backend);
      const random = new Random(3);
      await compareWithJs(network, data, Uint32Array.from({ length: 128 }, () => random.integer(0, data.count)), backend);
    }
  });
});

describe('wasm backend dropout', () => {
  for (const activation of ['relu', 'leaky-relu'] as const) {
    it(`matches js with dropout, ${activation}`, async () => {
      const random = new Random(31);
      const network = Network.create({ sizes: [784, 40, 24, 10], activation }, { random });
      const data = sliceOf(mnist.train, 1500);
      const backend = backendWithThreads(2);
      // 1,500 rows span three of the js backend's 512-row tiles; 200 rows fit in one.
      await compareWithJs(network, data, null, backend, 0.25);
      await compareWithJs(network, data, Uint32Array.from({ length: 200 }, () => random.integer(0, data.count)), backend, 0.5);
    });
  }
});

describe('wasm backend determinism', () => {
  it('gives bit-identical results for 1, 2 and 3 threads', async () => {
    const network = Network.create({ sizes: [784, 10, 10], activation: 'relu' }, { random: new Random(11), initializer: 'uniform-0.5' });
    const data = sliceOf(mnist.train, 6000);
    const random = new Random(5);
    const indices = Uint32Array.from({ length: 1000 }, () => random.integer(0, data.count));
    for (const batch of [null, indices]) {
      const results: { result: unknown; gradients: GradientBuffers }[] = [];
      for (const threads of [1, 2, 3]) {
        const gradients = zeroGradients(network);
        const result = await backendWithThreads(threads).computeGradients(network, data, batch, gradients);
        results.push({ result, gradients });
      }
      for (const other of results.slice(1)) {
        expect(other.result).toEqual(results[0].result);
        network.layers.forEach((_, index) => {
          expect(sameBits(other.gradients.dWeights[index], results[0].gradients.dWeights[index])).toBe(true);
          expect(sameBits(other.gradients.dBiases[index], results[0].gradients.dBiases[index])).toBe(true);
        });
      }
    }
  });

  it('stays identical over many short jobs', async () => {
    // Small batches finish before a busy worker wakes up; a late worker must claim nothing
    // from the next job's plan.
    const network = Network.create({ sizes: [784, 32, 10], activation: 'relu' }, { random: new Random(12) });
    const data = sliceOf(mnist.train, 2000);
    const single = backendWithThreads(1);
    const several = backendWithThreads(3);
    const random = new Random(8);
    for (let batch = 0; batch < 60; batch++) {
      const indices = Uint32Array.from({ length: 64 }, () => random.integer(0, data.count));
      const expected = zeroGradients(network);
      const actual = zeroGradients(network);
      const expectedResult = await single.computeGradients(network, data, indices, expected);
      const actualResult = await several.computeGradients(network, data, indices, actual);
      expect(actualResult).toEqual(expectedResult);
      expect(sameBits(actual.dWeights[0], expected.dWeights[0])).toBe(true);
    }
  });
});

describe('wasm backend inference', () => {
  it('predicts the same classes as Network.predict', async () => {
    const network = Network.create({ sizes: [784, 64, 10], activation: 'relu' }, { random: new Random(21) });
    const data = sliceOf(mnist.test, 2000);
    const inputs = new Float32Array(data.count * data.pixelCount);
    for (let index = 0; index < inputs.length; index++) inputs[index] = data.images[index] / 255;
    const expected = network.predict(inputs, data.count);
    const actual = await backendWithThreads(2).predict(network, data);
    let differing = 0;
    for (let index = 0; index < data.count; index++) if (actual[index] !== expected[index]) differing++;
    // Only near-ties between two logits may flip under float32 rounding.
    expect(differing).toBeLessThanOrEqual(2);
  });
});
