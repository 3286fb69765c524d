// Training speed: milliseconds per full-batch iteration of the reference preset (784-10-10,
// all 60,000 images) and per epoch of a 784-128-10 network trained by Adam on batches of 128.
// The 'js' backend is the baseline of the ratios; the WebAssembly backend is registered here and
// measured in the same run when this runtime supports it.
//
//   pnpm --filter @scratchnet/network bench [-- --iterations 6 --epochs 3]

import { parseArgs } from 'node:util';

import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';

import { createWasmBackend, wasmEngineSupported } from '../src/fast/index.js';
import { Network, Trainer, listBackends, presets, registerBackend } from '../src/index.js';
import type { TrainOptions } from '../src/index.js';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '6' },
    epochs: { type: 'string', default: '3' },
  },
});
const iterations = Number(values.iterations);
const epochs = Number(values.epochs);

const wasmBackend = wasmEngineSupported() ? createWasmBackend() : null;
if (wasmBackend !== null) registerBackend(wasmBackend, 10);

const mnist = await loadEmbeddedMnist();
const reference = presets.reference;
const adamSpec = { sizes: [784, 128, 10], activation: 'relu' as const };
const adamOptions: Omit<TrainOptions, 'backend'> = {
  batchSize: 128,
  epochs,
  optimizer: 'adam',
  learningRate: 0.001,
  seed: 1,
};

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Trains once and returns the backend used and the medians of its step and epoch times. */
async function measure(
  spec: typeof adamSpec | typeof reference.spec,
  initializer: typeof reference.initializer,
  options: TrainOptions,
) {
  const network = Network.create(spec, { initializer, random: new Random(1) });
  const trainer = new Trainer(network, options);
  let backend = '';
  const history = await trainer.train(mnist.train, {
    onTrainBegin: (info) => (backend = info.backend),
  });
  // The first step pays for buffer allocation and JIT warm-up, so it is left out.
  const steps = history.steps.slice(1).map((record) => record.milliseconds);
  const epochTimes = history.epochs.map((record) => record.milliseconds);
  return { backend, stepMedian: median(steps), epochMedian: median(epochTimes) };
}

console.log(`node ${process.version}, ${process.arch}; backends: ${listBackends().join(', ')}`);
console.log(
  `reference: ${iterations} full-batch iterations; 784-128-10 Adam batch 128: ${epochs} epochs\n`,
);

const rows: { name: string; backend: string; milliseconds: number }[] = [];
for (const backend of listBackends()) {
  const full = await measure(reference.spec, reference.initializer, {
    ...reference.options,
    iterations,
    epochs: undefined,
    seed: 1,
    backend,
  });
  rows.push({
    name: 'reference full-batch iteration',
    backend: full.backend,
    milliseconds: full.stepMedian,
  });
  const adam = await measure(adamSpec, 'he-uniform', { ...adamOptions, backend });
  rows.push({
    name: '784-128-10 Adam epoch (batch 128)',
    backend: adam.backend,
    milliseconds: adam.epochMedian,
  });
}

for (const row of rows) {
  const baseline = rows.find(
    (candidate) => candidate.name === row.name && candidate.backend === 'js',
  )!;
  const ratio = baseline.milliseconds / row.milliseconds;
  console.log(
    `${row.name.padEnd(36)} ${row.backend.padEnd(12)} median ${row.milliseconds.toFixed(1).padStart(9)} ms   ${ratio.toFixed(2)}x vs js`,
  );
}

await wasmBackend?.dispose?.();
