// `scratchnet inspect`: what a model file contains, read from its header without building a network.

import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { HEADER_LENGTH_BYTES, RANDOM_STATE_TENSOR } from '@scratchnet/model-format';
import { CliError, EXIT_FAILURE } from '../cli-error.js';
import { fileReadError } from '../image-file.js';
import { readModelHeaderFile } from '../model-file.js';
import type { ModelHeader } from '../model-file.js';
import { Output } from '../output.js';
import { formatDuration, formatKeyValues, formatPercent } from '../text-format.js';

/** Options of `scratchnet inspect` as commander parses them. */
export interface InspectCommandOptions {
  json: boolean;
  quiet: boolean;
}

/** Runs `scratchnet inspect` and returns the exit code: 1 when the tensor checksum does not match. */
export async function runInspect(modelPath: string, options: InspectCommandOptions): Promise<number> {
  const output = new Output(options);
  const header = await readModelHeaderFile(modelPath);
  const { metadata, tensors } = header;
  const checksum = await hashDataSection(modelPath, header);
  const checksumMatches = checksum.actual === metadata.tensorsSha256;
  const parameterCount = countParameters(header);

  const architecture = metadata.architecture;
  const pairs: [string, string][] = [
    ['file', `${modelPath} (${checksum.fileBytes} bytes)`],
    ['format', `${metadata.format} version ${metadata.version}`],
    ['layers', architecture.sizes.join('-')],
    ['activations', architecture.activations.join(', ')],
    ['input shape', architecture.inputShape.join('×')],
    ['parameters', String(parameterCount)],
    ['class labels', metadata.classLabels.join(' ')],
    ['preprocessing', JSON.stringify(metadata.preprocessing)],
    ['tensors', tensors.map((tensor) => `${tensor.name} ${tensor.dtype} [${tensor.shape.join(', ')}]`).join(', ')],
    [
      'checksum',
      checksumMatches
        ? `ok (sha256 of tensor data ${metadata.tensorsSha256})`
        : `MISMATCH: header says ${metadata.tensorsSha256}, tensor data hashes to ${checksum.actual}`,
    ],
  ];
  output.result(formatKeyValues(pairs));

  const training = metadata.training;
  if (training) {
    const metrics = training.metrics ?? {};
    const trainingPairs: [string, string][] = [
      ['preset', training.preset ?? 'none'],
      ['seed', String(training.seed)],
      ['steps', String(training.steps ?? 'unknown')],
      ['epochs', String(training.epochs ?? 'unknown')],
      ['test accuracy', metrics.testAccuracy === undefined ? 'not measured' : formatPercent(metrics.testAccuracy)],
      ['test loss', metrics.testLoss === undefined ? 'not measured' : metrics.testLoss.toFixed(4)],
      ['dataset', training.dataset ? `${training.dataset.name} ${training.dataset.sha256 ?? ''}`.trim() : 'unknown'],
      ['backend', training.backend ?? 'unknown'],
      ['time', training.milliseconds === undefined ? 'unknown' : formatDuration(training.milliseconds)],
      ['date', training.date],
      ['scratchnet', training.scratchnetVersion],
      ['options', JSON.stringify(training.options)],
    ];
    output.result(`\ntraining\n${formatKeyValues(trainingPairs)}`);
  } else {
    output.result('\ntraining: no training record');
  }
  if (tensors.some((tensor) => tensor.name === RANDOM_STATE_TENSOR)) {
    output.result("\nThis file is a training checkpoint: continue it with 'scratchnet train --resume <file>'.");
  }

  output.record({
    type: 'inspect',
    file: modelPath,
    fileBytes: checksum.fileBytes,
    parameterCount,
    metadata,
    tensors,
    checksum: { expected: metadata.tensorsSha256, actual: checksum.actual, ok: checksumMatches },
  });

  if (!checksumMatches) {
    process.stderr.write(`scratchnet: error: ${modelPath} is corrupt: its tensor data does not match the checksum in its header; retrain or copy the file again\n`);
    return EXIT_FAILURE;
  }
  return 0;
}

/** Counts the parameters of the network's tensors (names `<layer>.weight` and `<layer>.bias`). */
function countParameters(header: ModelHeader): number {
  return header.tensors
    .filter((tensor) => /^\d+\.(weight|bias)$/.test(tensor.name))
    .reduce((sum, tensor) => sum + tensor.shape.reduce((product, size) => product * size, 1), 0);
}

/** Streams the data section (everything after the header) through SHA-256 without loading it at once. */
async function hashDataSection(path: string, header: ModelHeader): Promise<{ actual: string; fileBytes: number }> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw fileReadError(path, 'model', error);
  }
  try {
    const fileBytes = (await file.stat()).size;
    const hash = createHash('sha256');
    const chunk = new Uint8Array(1 << 20);
    let position = HEADER_LENGTH_BYTES + header.headerByteLength;
    while (position < fileBytes) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) {
        throw new CliError(`${path} ended early while reading its tensor data; the file is truncated`);
      }
      hash.update(chunk.subarray(0, bytesRead));
      position += bytesRead;
    }
    return { actual: hash.digest('hex'), fileBytes };
  } finally {
    await file.close();
  }
}
