// Child process of the memory benchmark: loads MNIST, trains the reference preset with one
// backend, and prints its peak resident set size as JSON. A run with 0 iterations measures
// the process with the data loaded and nothing trained.
//
// Usage: tsx src/reference-memory.ts wasm|js ITERATIONS

import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';
import { Network, presets, registerBackend, train, wasmBackend } from '@scratchnet/network';

const [backend = 'wasm', iterationsText = '500'] = process.argv.slice(2);
const iterations = Number(iterationsText);
const mnist = await loadEmbeddedMnist();
const started = performance.now();
if (iterations > 0) {
  registerBackend(wasmBackend, 10);
  const preset = presets.reference;
  const network = Network.create(preset.spec, { initializer: preset.initializer, random: new Random(1) });
  await train(network, mnist.train, { ...preset.options, iterations, seed: 1, backend });
  await wasmBackend.dispose?.();
}
const seconds = (performance.now() - started) / 1000;
// resourceUsage().maxRSS is in kibibytes.
console.log(JSON.stringify({ backend, iterations, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
