// Images as compressed sparse rows in engine memory: for each image the pixel index (u16) and
// byte value (u8) of its nonzero pixels. 81 % of MNIST pixels are zero, so the first layer's
// forward pass and weight gradient read about a fifth of the pixels, at 3 bytes each.

import type { LabeledImages } from '../labeled-images.js';
import type { WasmMemory } from './wasm-memory.js';

/** Byte offsets of one data set's sparse rows and labels in engine memory. */
export interface SparseImages {
  readonly images: Uint8Array;
  readonly count: number;
  readonly pixelCount: number;
  /** u32 [N + 1]: image n's nonzeros are entries rowStarts[n] .. rowStarts[n + 1] − 1. */
  readonly rowStarts: number;
  /** u16 [nonzeros] */
  readonly columns: number;
  /** u8 [nonzeros] */
  readonly values: number;
  /** u8 [N], written by the caller */
  readonly labels: number;
  readonly nonzeros: number;
}

/** Largest pixel count whose indices fit the u16 column entries. */
export const MAXIMUM_SPARSE_PIXELS = 65536;

/**
 * Copies the images of `data` into engine memory as sparse rows and reserves room for its
 * labels, which the caller copies before each batch.
 */
export function createSparseImages(memory: WasmMemory, data: Pick<LabeledImages, 'count' | 'pixelCount' | 'images'>): SparseImages {
  const { count, pixelCount, images } = data;

  // First pass: the row offsets, so the entries can be allocated once.
  const rowStartsOffset = memory.allocate((count + 1) * 4);
  let nonzeros = 0;
  {
    const rowStarts = new Uint32Array(memory.memory.buffer, rowStartsOffset, count + 1);
    for (let image = 0; image < count; image++) {
      rowStarts[image] = nonzeros;
      const end = (image + 1) * pixelCount;
      for (let at = image * pixelCount; at < end; at++) if (images[at] !== 0) nonzeros++;
    }
    rowStarts[count] = nonzeros;
  }

  // Second pass: the entries. Views are taken after the allocations, which may grow memory.
  const columnsOffset = memory.allocate(nonzeros * 2);
  const valuesOffset = memory.allocate(nonzeros * 4);
  const labelsOffset = memory.allocate(count);
  const buffer = memory.memory.buffer;
  const columns = new Uint16Array(buffer, columnsOffset, nonzeros);
  const values = new Float32Array(buffer, valuesOffset, nonzeros);
  let entry = 0;
  for (let image = 0; image < count; image++) {
    const start = image * pixelCount;
    for (let pixel = 0; pixel < pixelCount; pixel++) {
      const value = images[start + pixel];
      if (value !== 0) {
        columns[entry] = pixel;
        values[entry] = value;
        entry++;
      }
    }
  }

  return {
    images,
    count,
    pixelCount,
    rowStarts: rowStartsOffset,
    columns: columnsOffset,
    values: valuesOffset,
    labels: labelsOffset,
    nonzeros,
  };
}

/** Returns the ranges of `sparse` to the allocator. */
export function releaseSparseImages(memory: WasmMemory, sparse: SparseImages): void {
  memory.release(sparse.rowStarts);
  memory.release(sparse.columns);
  memory.release(sparse.values);
  memory.release(sparse.labels);
}
