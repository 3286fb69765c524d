// An image classification dataset kept as bytes: images [count, rows * cols]
// as Uint8Array and labels [count]. Pixels become floats in [0, 1] only when a
// batch is gathered, so the 60,000 MNIST training images stay at 47 MB.

import { DatasetError } from './errors.js';

/** Fields of a dataset; `images` is [count, rows * cols] row-major, `labels` is [count]. */
export interface DatasetInit {
  name: string;
  rows: number;
  cols: number;
  images: Uint8Array;
  labels: Uint8Array;
  classCount: number;
  classNames?: string[];
}

/** A uniform random source in [0, 1), such as `Random` from `@scratchnet/matrix`. */
export interface RandomSource {
  next(): number;
}

// PIXEL_SCALE_F32[v] is v / 255 rounded to float32, so gathers into Float32Array
// and Float64Array both hold the correctly rounded quotient of their precision.
const PIXEL_SCALE_F64 = Float64Array.from({ length: 256 }, (_, value) => value / 255);
const PIXEL_SCALE_F32 = Float32Array.from(PIXEL_SCALE_F64);

/** Images [count, pixelCount] as bytes and labels [count]. Pixels are scaled by 1/255 when gathered. */
export class Dataset {
  readonly name: string;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** rows * cols */
  readonly pixelCount: number;
  /** [count, pixelCount], row-major, 0..255 */
  readonly images: Uint8Array;
  /** [count], each in 0..classCount-1 */
  readonly labels: Uint8Array;
  readonly classCount: number;
  /** One name per class; '0'..'9' for MNIST. */
  readonly classNames: string[];

  /**
   * Wraps images and labels without copying them.
   * @throws DatasetError when sizes disagree or a label is outside 0..classCount-1.
   */
  constructor(init: DatasetInit) {
    const { name, rows, cols, images, labels, classCount } = init;
    if (!isPositiveInteger(rows) || !isPositiveInteger(cols)) {
      throw new DatasetError(
        `${name}: image size ${rows}x${cols} is invalid; rows and cols must be positive integers.`,
      );
    }
    if (!isPositiveInteger(classCount) || classCount > 256) {
      throw new DatasetError(
        `${name}: classCount ${classCount} is invalid; expected an integer in 1..256 (labels are bytes).`,
      );
    }
    const classNames =
      init.classNames ?? Array.from({ length: classCount }, (_, index) => String(index));
    if (classNames.length !== classCount) {
      throw new DatasetError(
        `${name}: ${classNames.length} class names given for ${classCount} classes; give one name per class.`,
      );
    }
    const pixelCount = rows * cols;
    if (images.length !== labels.length * pixelCount) {
      throw new DatasetError(
        `${name}: ${labels.length} labels need ${labels.length * pixelCount} image bytes of ${rows}x${cols} but images has ${images.length}.`,
      );
    }
    const badLabel = findLabelOutOfRange(labels, classCount);
    if (badLabel >= 0) {
      throw new DatasetError(
        `${name}: label ${labels[badLabel]} at index ${badLabel} is outside 0..${classCount - 1}; ` +
          'pass classCount (or classNames) for a dataset with more classes.',
      );
    }

    this.name = name;
    this.count = labels.length;
    this.rows = rows;
    this.cols = cols;
    this.pixelCount = pixelCount;
    this.images = images;
    this.labels = labels;
    this.classCount = classCount;
    this.classNames = classNames;
  }

  /**
   * Writes the images at `indices`, scaled to [0, 1], into `out` [indices.length, pixelCount]
   * and returns `out`. `out` may be longer than needed (a buffer sized for the largest batch);
   * elements past `indices.length * pixelCount` are left untouched.
   */
  gatherNormalized<T extends Float32Array | Float64Array>(out: T, indices: ArrayLike<number>): T {
    const { pixelCount, images } = this;
    const needed = indices.length * pixelCount;
    if (out.length < needed) {
      throw new RangeError(
        `gatherNormalized: out has ${out.length} elements but ${indices.length} images of ${pixelCount} pixels need ${needed}.`,
      );
    }
    for (let row = 0; row < indices.length; row++) this.checkIndex(indices[row]);

    const scale = out instanceof Float32Array ? PIXEL_SCALE_F32 : PIXEL_SCALE_F64;
    for (let row = 0; row < indices.length; row++) {
      const source = indices[row] * pixelCount;
      const target = row * pixelCount;
      for (let pixel = 0; pixel < pixelCount; pixel++)
        out[target + pixel] = scale[images[source + pixel]];
    }
    return out;
  }

  /** Returns a view (no copy) of one image's bytes [pixelCount]. */
  image(index: number): Uint8Array {
    this.checkIndex(index);
    return this.images.subarray(index * this.pixelCount, (index + 1) * this.pixelCount);
  }

  /** Returns a new dataset holding copies of the images and labels at `indices`, in that order. */
  subset(indices: ArrayLike<number>, name = `${this.name}-subset`): Dataset {
    const { pixelCount } = this;
    const images = new Uint8Array(indices.length * pixelCount);
    const labels = new Uint8Array(indices.length);
    for (let row = 0; row < indices.length; row++) {
      const index = indices[row];
      this.checkIndex(index);
      images.set(
        this.images.subarray(index * pixelCount, (index + 1) * pixelCount),
        row * pixelCount,
      );
      labels[row] = this.labels[index];
    }
    return this.derive(name, images, labels);
  }

  /**
   * Returns the samples start..end-1 as a dataset that shares memory with this one
   * (no copy). Bounds follow `Array.prototype.slice` without negative indices.
   */
  slice(start: number, end: number = this.count): Dataset {
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end < start ||
      end > this.count
    ) {
      throw new RangeError(
        `slice(${start}, ${end}): expected integers with 0 <= start <= end <= ${this.count}.`,
      );
    }
    const { pixelCount } = this;
    return this.derive(
      `${this.name}[${start}:${end}]`,
      this.images.subarray(start * pixelCount, end * pixelCount),
      this.labels.subarray(start, end),
    );
  }

  /** Returns the number of samples per class [classCount]. */
  classHistogram(): number[] {
    const histogram = new Array<number>(this.classCount).fill(0);
    for (const label of this.labels) histogram[label]++;
    return histogram;
  }

  /**
   * Splits the samples at random into a training part and `validationCount` validation
   * samples. A Fisher–Yates shuffle drawn from `random` picks the validation samples;
   * each part keeps the original sample order, so the same seed gives the same split.
   */
  split(validationCount: number, random: RandomSource): { train: Dataset; validation: Dataset } {
    if (!Number.isInteger(validationCount) || validationCount < 0 || validationCount > this.count) {
      throw new RangeError(
        `split: validationCount ${validationCount} must be an integer in 0..${this.count}.`,
      );
    }
    const order = new Uint32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }

    const validationIndices = order.subarray(0, validationCount).sort();
    const trainIndices = order.subarray(validationCount).sort();
    return {
      train: this.subset(trainIndices, `${this.name}-train`),
      validation: this.subset(validationIndices, `${this.name}-validation`),
    };
  }

  private derive(name: string, images: Uint8Array, labels: Uint8Array): Dataset {
    return new Dataset({
      name,
      rows: this.rows,
      cols: this.cols,
      images,
      labels,
      classCount: this.classCount,
      classNames: this.classNames,
    });
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) {
      throw new RangeError(
        `${this.name}: sample index ${index} is out of range 0..${this.count - 1}.`,
      );
    }
  }
}

/** Returns the index of the first label >= classCount, or -1 when all are in range. */
export function findLabelOutOfRange(labels: Uint8Array, classCount: number): number {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= classCount) return i;
  }
  return -1;
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
