// Seeded choices of which rows train, which validate, and in what order each epoch visits them.
// Each use draws from its own stream derived from the training seed, so that enabling dropout
// does not change the shuffles and an epoch's order depends only on the seed and the epoch.

import { Random } from '@scratchnet/matrix';

// Arbitrary odd constants (the first SHA-256 initial hash words) that separate the streams.
const VALIDATION_STREAM = 0x6a09e667;
const SHUFFLE_STREAM = 0xbb67ae85;

/**
 * Returns how many of `count` rows a validation split of `fraction` holds out:
 * round(count × fraction), at least 1, leaving at least 1 to train on (0 when count < 2).
 */
export function validationRowCount(count: number, fraction: number): number {
  return Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
}

/**
 * Splits rows 0 .. count − 1 into training and validation rows: a seeded shuffle picks
 * validationRowCount(count, fraction) validation rows, and both lists are returned in
 * ascending order.
 */
export function splitRows(
  count: number,
  fraction: number,
  seed: number,
): { train: Uint32Array; validation: Uint32Array } {
  const validationCount = validationRowCount(count, fraction);
  if (validationCount < 1) {
    throw new RangeError(
      `validationSplit needs at least 2 training rows to hold one out, got ${count}.`,
    );
  }
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  new Random((seed ^ VALIDATION_STREAM) | 0).shuffle(order);
  return {
    validation: order.slice(0, validationCount).sort(),
    train: order.slice(validationCount).sort(),
  };
}

/**
 * Shuffles the rows of one epoch into `order`: the rows of `rows` (or 0 .. order.length − 1
 * when null), permuted by Fisher–Yates with a generator whose state is derived from the seed
 * and the epoch alone. `random` is reseeded in place, so nothing is allocated.
 */
export function shuffleEpoch(
  order: Uint32Array,
  rows: Uint32Array | null,
  seed: number,
  epoch: number,
  random: Random,
): void {
  for (let index = 0; index < order.length; index++)
    order[index] = rows === null ? index : rows[index];
  // Each epoch takes the next four splitmix32 outputs of one stream, so no two epochs share a word.
  random.reseed(((seed ^ SHUFFLE_STREAM) + Math.imul(4 * epoch, 0x9e3779b9)) | 0);
  random.shuffle(order);
}
