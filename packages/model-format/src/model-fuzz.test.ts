// Property test: valid files with bytes changed, cut short or extended must decode to a
// model or fail with ModelFormatError, never with another error and never hang.
import { Network } from '@scratchnet/network';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeModel, readModelHeader } from './model-decoder.js';
import { encodeModel } from './model-encoder.js';
import { ModelFormatError } from './model-format-error.js';

const network = Network.fromParameters({ sizes: [5, 3, 2], activation: 'relu' }, [
  {
    weights: Float32Array.from({ length: 15 }, (_, i) => i / 7 - 1),
    biases: Float32Array.from([0.5, -0, 1e-40]),
  },
  {
    weights: Float32Array.from({ length: 6 }, (_, i) => -i / 3),
    biases: Float32Array.from([2, -2]),
  },
]);
const slots = network.layers.flatMap((layer) => [
  layer.weights.map((value) => value / 2),
  layer.biases.map((value) => value * 3),
]);
const validFile = encodeModel(network, {
  training: {
    options: { optimizer: 'adam', learningRate: 0.001 },
    seed: 7,
    scratchnetVersion: '0.1.0',
    date: '2026-01-01T00:00:00.000Z',
    metrics: { testAccuracy: 0.5 },
  },
  checkpoint: {
    step: 3,
    epoch: 1,
    randomState: Uint32Array.from([1, 2, 3, 4]),
    optimizer: { name: 'adam', step: 3, slots: { m: slots } },
  },
});
const headerEnd = 8 + Number(new DataView(validFile.buffer).getBigUint64(0, true));

/** Characters that change JSON structure when written over header bytes. */
const JSON_CHARACTERS = '{}[]":,0123456789-+.eE \\ntfu'
  .split('')
  .map((character) => character.charCodeAt(0));

const byteEdits = fc.array(
  fc.record({ index: fc.nat(validFile.length - 1), value: fc.integer({ min: 0, max: 255 }) }),
  { minLength: 1, maxLength: 8 },
);
const headerEdits = fc.array(
  fc.record({
    index: fc.integer({ min: 0, max: headerEnd - 1 }),
    value: fc.constantFrom(...JSON_CHARACTERS),
  }),
  { minLength: 1, maxLength: 4 },
);

const mutatedFiles = fc.oneof(
  byteEdits.map((edits) => applyEdits(edits)),
  headerEdits.map((edits) => applyEdits(edits)),
  fc.nat(validFile.length - 1).map((length) => validFile.slice(0, length)),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => concat(validFile, tail)),
  fc
    .tuple(fc.nat(7), fc.integer({ min: 0, max: 255 }))
    .map(([index, value]) => applyEdits([{ index, value }])),
);

function applyEdits(edits: { index: number; value: number }[]): Uint8Array {
  const bytes = validFile.slice();
  for (const { index, value } of edits) bytes[index] = value;
  return bytes;
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(head.length + tail.length);
  bytes.set(head);
  bytes.set(tail, head.length);
  return bytes;
}

/** Runs `read` and returns 'ok', the ModelFormatError code, or rethrows anything else. */
function outcome(read: () => unknown): string {
  try {
    read();
    return 'ok';
  } catch (error) {
    if (error instanceof ModelFormatError) return error.code;
    throw error;
  }
}

describe('damaged files', () => {
  test('the unmodified file decodes', () => {
    expect(outcome(() => decodeModel(validFile))).toBe('ok');
  });

  test('decode gives a model or ModelFormatError', () => {
    const codes = new Map<string, number>();
    fc.assert(
      fc.property(mutatedFiles, (bytes) => {
        const code = outcome(() => decodeModel(bytes));
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code === 'ok') expect(decodeModel(bytes).network.layers).toHaveLength(2);
      }),
      { numRuns: 10_000, seed: 20260101 },
    );
    // The mix of mutations reaches both the format rules and the scratchnet checks.
    expect(codes.get('checksum-mismatch')).toBeGreaterThan(0);
    expect(codes.get('header-not-json')).toBeGreaterThan(0);
    expect(codes.get('header-too-large')).toBeGreaterThan(0);
    expect(codes.size).toBeGreaterThan(8);
  }, 30_000);

  test('header read gives a header or ModelFormatError', () => {
    fc.assert(
      fc.property(mutatedFiles, (bytes) => {
        outcome(() => readModelHeader(bytes));
      }),
      { numRuns: 3000, seed: 20260102 },
    );
  }, 30_000);
});
