// Trains the built-in presets on the full MNIST training set and prints each one's test
// accuracy and training time. Slow (minutes per preset): run it with `nice`, not in tests.
//
//   pnpm exec tsx scripts/accuracy.ts [--preset reference|strong|all] [--seed N] [--backend auto|js|wasm]

import { parseArgs } from 'node:util';

import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';

import { createWasmBackend, wasmEngineSupported } from '../src/fast/index.js';
import { Network, Trainer, evaluate, presets, registerBackend } from '../src/index.js';
import type { PresetName } from '../src/index.js';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'all' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'auto' },
  },
});
const names: PresetName[] =
  values.preset === 'all' ? ['reference', 'strong'] : [values.preset as PresetName];
const seed = Number(values.seed);

// The wasm backend is registered so that `--backend wasm` (or 'auto') can use it.
const wasmBackend = wasmEngineSupported() ? createWasmBackend() : null;
if (wasmBackend !== null) registerBackend(wasmBackend, 10);

const mnist = await loadEmbeddedMnist();
console.log(
  `MNIST: ${mnist.train.count} training and ${mnist.test.count} test images; seed ${seed}`,
);

for (const name of names) {
  const preset = presets[name];
  if (preset === undefined)
    throw new Error(`Unknown preset '${name}'. Use reference, strong or all.`);
  const network = Network.create(preset.spec, {
    initializer: preset.initializer,
    random: new Random(seed),
  });
  const trainer = new Trainer(network, { ...preset.options, seed, backend: values.backend });

  let backend = '';
  let totalSteps = 0;
  const started = performance.now();
  await trainer.train(mnist.train, {
    onTrainBegin: (info) => {
      backend = info.backend;
      totalSteps = info.totalSteps;
    },
    onEpochEnd: (record) => {
      if (preset.options.batchSize === 'full' && record.epoch % 100 !== 0) return;
      console.log(
        `  ${name} epoch ${record.epoch}: train loss ${record.trainLoss.toFixed(4)}, accuracy ${(100 * record.trainAccuracy).toFixed(2)} %`,
      );
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const result = evaluate(network, mnist.test);
  console.log(
    `${name}: test accuracy ${(100 * result.accuracy).toFixed(2)} %, test loss ${result.loss.toFixed(4)}, ` +
      `${totalSteps} steps in ${seconds.toFixed(1)} s (backend ${backend}, sizes ${preset.spec.sizes.join('-')})`,
  );
}

await wasmBackend?.dispose?.();
