import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';
import { afterAll, expect, it } from 'vitest';

import { registerBackend, unregisterBackend } from '../backend.js';
import type { LabeledImages } from '../labeled-images.js';
import { Network } from '../network.js';
import { train } from '../trainer.js';
import type { TrainOptions } from '../train-options.js';
import { createWasmBackend } from './wasm-backend.js';

const backend = createWasmBackend({ threads: 2 });

afterAll(async () => {
  unregisterBackend(backend.name);
  await backend.dispose?.();
});

function sliceOf(data: LabeledImages, start: number, end: number): LabeledImages {
  const pixels = data.pixelCount;
  return { count: end - start, pixelCount: pixels, images: data.images.subarray(start * pixels, end * pixels), labels: data.labels.subarray(start, end) };
}

function accuracyOf(network: Network, data: LabeledImages): number {
  const inputs = Float32Array.from(data.images, (value) => value / 255);
  const predictions = network.predict(inputs, data.count);
  let correct = 0;
  for (let index = 0; index < data.count; index++) if (predictions[index] === data.labels[index]) correct++;
  return correct / data.count;
}

it('trains to the accuracy of the js backend at equal seeds', async () => {
  registerBackend(backend, 10);
  const mnist = await loadEmbeddedMnist();
  const trainSlice = sliceOf(mnist.train, 0, 6000);
  const testSlice = sliceOf(mnist.test, 0, 2000);
  const options: TrainOptions = { batchSize: 64, epochs: 2, optimizer: 'adam', learningRate: 0.002, seed: 9 };

  const accuracies: Record<string, number> = {};
  for (const name of ['js', 'wasm']) {
    const network = Network.create({ sizes: [784, 48, 10], activation: 'relu' }, { random: new Random(4) });
    let used = '';
    await train(network, trainSlice, { ...options, backend: name }, { onTrainBegin: (info) => (used = info.backend) });
    expect(used).toBe(name);
    accuracies[name] = accuracyOf(network, testSlice);
  }
  expect(accuracies.js).toBeGreaterThan(0.85);
  expect(Math.abs(accuracies.wasm - accuracies.js), `js ${accuracies.js}, wasm ${accuracies.wasm}`).toBeLessThanOrEqual(0.002);
});
