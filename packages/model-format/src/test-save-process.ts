// Child process for the atomic-save test: saves a network of the given sizes to a path
// and prints one JSON line, {"saved": true} or {"error": code}. The test runs it under a
// file-size limit so that the write fails part way.

import { Network } from '@scratchnet/network';
import { saveModel } from './node.js';

const [path, sizesText] = process.argv.slice(2);
const sizes = sizesText.split('-').map(Number);
const parameters = sizes.slice(1).map((outputs, layer) => ({
  weights: new Float32Array(outputs * sizes[layer]).fill(0.5),
  biases: new Float32Array(outputs),
}));

try {
  await saveModel(path, Network.fromParameters({ sizes, activation: 'relu' }, parameters));
  process.stdout.write(`${JSON.stringify({ saved: true })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as NodeJS.ErrnoException).code })}\n`);
}
