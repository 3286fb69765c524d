// Builds a Dataset from a decoded image file and label file, with the checks
// that catch mismatched pairs: types, ranks, counts and label range, each
// error naming the files involved.

import { Dataset, findLabelOutOfRange } from './dataset.js';
import { DatasetError } from './errors.js';
import type { IdxTensor } from './idx-codec.js';

/** Options for `datasetFromIdx`. */
export interface DatasetFromIdxOptions {
  /** Dataset name, e.g. 'mnist-train'. Default 'dataset'. */
  name?: string;
  /** Number of classes; labels must lie in 0..classCount-1. Default `classNames.length`, else 10. */
  classCount?: number;
  /** One name per class. Default '0', '1', ... */
  classNames?: string[];
  /** Transposes each image, for sets stored column-major such as EMNIST. Default false. */
  transpose?: boolean;
  /** Image file name, used in error messages. */
  imagesFile?: string;
  /** Label file name, used in error messages. */
  labelsFile?: string;
}

/**
 * Builds a dataset from an images tensor (u8 [count, rows, cols]) and a labels tensor (u8 [count]).
 * Images are used without copying unless `transpose` is set.
 *
 * @throws DatasetError when a type or rank is wrong, the counts differ, or a label is out of range.
 */
export function datasetFromIdx(
  images: IdxTensor,
  labels: IdxTensor,
  options: DatasetFromIdxOptions = {},
): Dataset {
  const name = options.name ?? 'dataset';
  const imagesFile = options.imagesFile ?? `${name} images`;
  const labelsFile = options.labelsFile ?? `${name} labels`;
  const classCount = options.classCount ?? options.classNames?.length ?? 10;

  // Types and ranks.
  if (images.type !== 'u8' || images.shape.length !== 3) {
    throw new DatasetError(
      `${imagesFile}: expected u8 images of shape [count, rows, cols] but the file contains ${images.type} [${images.shape.join(', ')}]; is it a label file?`,
    );
  }
  if (labels.type !== 'u8' || labels.shape.length !== 1) {
    throw new DatasetError(
      `${labelsFile}: expected u8 labels of shape [count] but the file contains ${labels.type} [${labels.shape.join(', ')}]; is it an image file?`,
    );
  }

  // Counts and label range.
  const [imageCount, storedRows, storedCols] = images.shape;
  const labelCount = labels.shape[0];
  if (imageCount !== labelCount) {
    throw new DatasetError(
      `${name}: ${imagesFile} has ${imageCount} images but ${labelsFile} has ${labelCount} labels; ` +
        'the two files must come from the same set (train with train, test with test).',
    );
  }
  const labelBytes = labels.data as Uint8Array;
  const badLabel = findLabelOutOfRange(labelBytes, classCount);
  if (badLabel >= 0) {
    throw new DatasetError(
      `${labelsFile}: label ${labelBytes[badLabel]} at index ${badLabel} is outside 0..${classCount - 1} ` +
        `for ${classCount} classes; pass classCount (or classNames) for a dataset with more classes.`,
    );
  }

  const imageBytes = images.data as Uint8Array;
  const transpose = options.transpose ?? false;
  return new Dataset({
    name,
    rows: transpose ? storedCols : storedRows,
    cols: transpose ? storedRows : storedCols,
    images: transpose
      ? transposeImages(imageBytes, imageCount, storedRows, storedCols)
      : imageBytes,
    labels: labelBytes,
    classCount,
    classNames: options.classNames,
  });
}

/** Returns a copy of `images` [count, rows, cols] with each image transposed to [cols, rows]. */
function transposeImages(
  images: Uint8Array,
  count: number,
  rows: number,
  cols: number,
): Uint8Array {
  const pixelCount = rows * cols;
  const out = new Uint8Array(images.length);
  for (let image = 0; image < count; image++) {
    const base = image * pixelCount;
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++)
        out[base + col * rows + row] = images[base + row * cols + col];
    }
  }
  return out;
}
