// scratchnet's side of each benchmark: training through the public train() with a named
// backend, and inference over the test images.

import { Random } from '@scratchnet/matrix';
import { Network, createWasmBackend, presets, registerBackend, train, unregisterBackend } from '@scratchnet/network';
import type { LabeledImages, NetworkSpec, TrainOptions } from '@scratchnet/network';

import { floatPixels } from './mnist-arrays.js';
import { secondsOf } from './statistics.js';

/** 'wasm' (a fresh engine per run, so worker start-up and the sparse copy are timed) or 'js'. */
export type ScratchnetBackend = 'wasm' | 'js';

export interface TrainingRun {
  seconds: number;
  testAccuracy: number;
}

/** Spec of the Adam benchmark network. */
export const ADAM_SPEC: NetworkSpec = { sizes: [784, 128, 10], activation: 'relu' };

/** Trains a fresh network of `spec` with `options` and returns the time and the test accuracy. */
async function trainOnce(
  backendName: ScratchnetBackend,
  spec: NetworkSpec,
  initializer: Parameters<typeof Network.create>[1]['initializer'],
  options: TrainOptions,
  data: { train: LabeledImages; test: LabeledImages },
): Promise<TrainingRun> {
  const network = Network.create(spec, { initializer, random: new Random(options.seed) });
  const backend = backendName === 'wasm' ? createWasmBackend() : null;
  if (backend !== null) registerBackend(backend, 10);
  try {
    const seconds = await secondsOf(() => train(network, data.train, { ...options, backend: backendName }));
    return { seconds, testAccuracy: accuracy(network, data.test) };
  } finally {
    if (backend !== null) {
      unregisterBackend(backend.name);
      await backend.dispose?.();
    }
  }
}

/** The reference preset for `iterations` full-batch steps. */
export function trainReference(backend: ScratchnetBackend, iterations: number, seed: number, data: { train: LabeledImages; test: LabeledImages }): Promise<TrainingRun> {
  const preset = presets.reference;
  const options: TrainOptions = { ...preset.options, epochs: undefined, iterations, seed };
  return trainOnce(backend, preset.spec, preset.initializer, options, data);
}

/** Adam with batches of 128 on 784-128-10 ReLU for `steps` steps (469 is one epoch of 60,000). */
export function trainAdam(backend: ScratchnetBackend, steps: number, seed: number, data: { train: LabeledImages; test: LabeledImages }): Promise<TrainingRun> {
  const options: TrainOptions = { batchSize: 128, iterations: steps, optimizer: 'adam', learningRate: 0.001, seed };
  return trainOnce(backend, ADAM_SPEC, 'he-uniform', options, data);
}

/** Returns the seconds to predict every image of `data` with the network of `spec`. */
export async function inferenceSeconds(backendName: ScratchnetBackend, spec: NetworkSpec, data: LabeledImages): Promise<number> {
  const network = Network.create(spec, { random: new Random(1) });
  if (backendName === 'js') {
    const inputs = floatPixels(data);
    return secondsOf(() => network.predict(inputs, data.count));
  }
  const backend = createWasmBackend();
  try {
    // The first call starts the engine and makes the sparse copy; the timed one reuses both,
    // as repeated inference in an application would.
    await backend.predict(network, data);
    return await secondsOf(() => backend.predict(network, data));
  } finally {
    await backend.dispose?.();
  }
}

function accuracy(network: Network, data: LabeledImages): number {
  const predictions = network.predict(floatPixels(data), data.count);
  let correct = 0;
  for (let index = 0; index < data.count; index++) if (predictions[index] === data.labels[index]) correct++;
  return correct / data.count;
}
