// Training data as bytes: the shape that an MNIST dataset already has. Pixels become floats
// only one tile at a time, in buffers the caller reuses, so the training set is never copied
// to Float32 as a whole.
//
// Letters: N = images, P = pixels per image, R = rows of a tile.

import type { FloatArray } from '@scratchnet/matrix';

/** Images [N, P] as bytes (scaled by 1/255 when read) and one class label per image. */
export interface LabeledImages {
  count: number;
  pixelCount: number;
  /** [N, P] */
  images: Uint8Array;
  /** [N] */
  labels: Uint8Array;
}

// PIXEL_SCALE[v] is v / 255 rounded once to float32: the same values as the MNIST dataset gathers.
const PIXEL_SCALE_F64 = Float64Array.from({ length: 256 }, (_, value) => value / 255);
const PIXEL_SCALE_F32 = Float32Array.from(PIXEL_SCALE_F64);

/**
 * Throws unless `data` is consistent and fits a network with `inputSize` inputs and
 * `classCount` classes: byte counts match, and every label is below classCount.
 */
export function validateLabeledImages(
  data: LabeledImages,
  inputSize: number,
  classCount: number,
  name = 'training data',
): void {
  const { count, pixelCount, images, labels } = data ?? ({} as LabeledImages);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(
      `Invalid ${name}: count must be a positive integer, got ${String(count)}.`,
    );
  }
  if (pixelCount !== inputSize) {
    throw new RangeError(
      `Invalid ${name}: images have ${String(pixelCount)} pixels but the network expects ${inputSize} inputs. ` +
        'Create the network with sizes[0] equal to the pixel count.',
    );
  }
  if (!(images instanceof Uint8Array) || images.length !== count * pixelCount) {
    throw new RangeError(
      `Invalid ${name}: images must be a Uint8Array of count × pixelCount = ${count * pixelCount} bytes, ` +
        `got ${images instanceof Uint8Array ? images.length : String(images)}.`,
    );
  }
  if (!(labels instanceof Uint8Array) || labels.length !== count) {
    throw new RangeError(
      `Invalid ${name}: labels must be a Uint8Array of ${count} values, ` +
        `got ${labels instanceof Uint8Array ? labels.length : String(labels)}.`,
    );
  }
  for (let index = 0; index < count; index++) {
    if (labels[index] >= classCount) {
      throw new RangeError(
        `Invalid ${name}: label ${labels[index]} at index ${index} is not a class of a network with ` +
          `${classCount} outputs. Use a network whose last size is at least ${labels[index] + 1}.`,
      );
    }
  }
}

/**
 * Writes `rows` images into out [R, P] as floats in [0, 1] and their labels into labelsOut [R]:
 * rows start .. start + rows − 1 of `indices`, or of the data in order when indices is null.
 * No bounds checks: the caller validated the data and the indices.
 */
export function gatherTile(
  out: FloatArray,
  labelsOut: Uint8Array,
  data: LabeledImages,
  indices: Uint32Array | null,
  start: number,
  rows: number,
): void {
  const { pixelCount, images, labels } = data;
  const scale = out instanceof Float32Array ? PIXEL_SCALE_F32 : PIXEL_SCALE_F64;
  for (let row = 0; row < rows; row++) {
    const index = indices === null ? start + row : indices[start + row];
    const source = index * pixelCount;
    const target = row * pixelCount;
    for (let pixel = 0; pixel < pixelCount; pixel++)
      out[target + pixel] = scale[images[source + pixel]];
    labelsOut[row] = labels[index];
  }
}
