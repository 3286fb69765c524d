// TensorFlow.js 4.22 side of the benchmarks, on its WebAssembly backend (SIMD; its threaded
// build does not start under Node) and its pure-JavaScript 'cpu' backend. tfjs-node, the native
// backend, is not measured: its install step downloads a prebuilt binary.

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { LabeledImages, NetworkSpec } from '@scratchnet/network';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import { floatPixels } from './mnist-arrays.js';
import { secondsOf } from './statistics.js';

export type TfjsBackend = 'wasm' | 'cpu';

let wasmPathsSet = false;

/** Selects a tfjs backend and returns what it runs with (SIMD, threads). */
export async function useTfjsBackend(backend: TfjsBackend): Promise<string> {
  if (backend === 'wasm' && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    wasmPathsSet = true;
  }
  await tf.setBackend(backend);
  await tf.ready();
  if (backend === 'cpu') return 'cpu (pure JavaScript)';
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `wasm (SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'})`;
}

function model(spec: NetworkSpec): tf.Sequential {
  const layers = spec.sizes.slice(1).map((units, index) =>
    tf.layers.dense({
      units,
      activation: index === spec.sizes.length - 2 ? 'softmax' : 'relu',
      kernelInitializer: 'heUniform',
      inputShape: index === 0 ? [spec.sizes[0]] : undefined,
    }),
  );
  return tf.sequential({ layers });
}

/** Tensors of the first `count` rows of `data`: pixels [count, P] in [0, 1] and one-hot labels. */
export function tfjsTensors(data: LabeledImages, count: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const pixels = floatPixels(data).subarray(0, count * data.pixelCount);
  const xs = tf.tensor2d(pixels, [count, data.pixelCount]);
  const ys = tf.oneHot(tf.tensor1d(Array.from(data.labels.subarray(0, count)), 'int32'), 10) as tf.Tensor2D;
  return { xs, ys };
}

/** Seconds of one epoch over `tensors` with Adam (learning rate 0.001), batches of 128. */
export async function tfjsAdamEpochSeconds(spec: NetworkSpec, tensors: { xs: tf.Tensor2D; ys: tf.Tensor2D }): Promise<number> {
  const network = model(spec);
  network.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  try {
    return await secondsOf(() => network.fit(tensors.xs, tensors.ys, { batchSize: 128, epochs: 1, shuffle: true, verbose: 0 }));
  } finally {
    network.dispose();
  }
}

/** Seconds to predict the class of every row of `xs` (after one untimed warm-up call). */
export async function tfjsInferenceSeconds(spec: NetworkSpec, xs: tf.Tensor2D): Promise<number> {
  const network = model(spec);
  const classify = () =>
    tf.tidy(() => (network.predict(xs, { batchSize: 1000 }) as tf.Tensor2D).argMax(1)).data();
  try {
    await classify();
    return await secondsOf(classify);
  } finally {
    network.dispose();
  }
}
