// Helpers for tests: central finite differences in Float64 and seeded test data.

import { Random } from '@scratchnet/matrix';

import type { LabeledImages } from '../labeled-images.js';

/**
 * Estimates d loss / d parameters[i] for every i by central differences with step h, restoring
 * each parameter afterwards.
 */
export function numericalGradient(
  parameters: Float64Array,
  loss: () => number,
  h = 1e-6,
): Float64Array {
  const gradient = new Float64Array(parameters.length);
  for (let i = 0; i < parameters.length; i++) {
    const saved = parameters[i];
    parameters[i] = saved + h;
    const plus = loss();
    parameters[i] = saved - h;
    const minus = loss();
    parameters[i] = saved;
    gradient[i] = (plus - minus) / (2 * h);
  }
  return gradient;
}

/** Returns ‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, 1e-12), the relative error of two gradients. */
export function relativeError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  let difference = 0;
  let analyticNorm = 0;
  let numericNorm = 0;
  for (let i = 0; i < analytic.length; i++) {
    difference += (analytic[i] - numeric[i]) ** 2;
    analyticNorm += analytic[i] ** 2;
    numericNorm += numeric[i] ** 2;
  }
  return Math.sqrt(difference) / Math.max(Math.sqrt(analyticNorm) + Math.sqrt(numericNorm), 1e-12);
}

/** Returns `length` values drawn uniformly from [low, high) by a generator seeded with `seed`. */
export function randomFloat64(length: number, seed: number, low = -1, high = 1): Float64Array {
  const random = new Random(seed);
  return Float64Array.from({ length }, () => random.uniform(low, high));
}

/** Returns Σ values[i] · weights[i], a linear loss whose gradient with respect to values is `weights`. */
export function dot(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * weights[i];
  return sum;
}

/**
 * Creates a learnable synthetic data set of `count` images of `pixelCount` random bytes whose
 * label is the brightest of `classCount` pixel bands, so training has a signal to follow.
 */
export function syntheticImages(
  count: number,
  pixelCount: number,
  classCount: number,
  seed: number,
): LabeledImages {
  const random = new Random(seed);
  const images = new Uint8Array(count * pixelCount);
  const labels = new Uint8Array(count);
  const bandWidth = Math.floor(pixelCount / classCount);
  for (let index = 0; index < count; index++) {
    const label = random.integer(0, classCount);
    labels[index] = label;
    for (let pixel = 0; pixel < pixelCount; pixel++) {
      const inBand = Math.floor(pixel / bandWidth) === label;
      images[index * pixelCount + pixel] = random.integer(0, inBand ? 256 : 128);
    }
  }
  return { count, pixelCount, images, labels };
}
