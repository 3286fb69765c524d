// Images as compressed sparse rows in engine memory: for each image the pixel index (u16) and
// value (the byte as f32) of its nonzero pixels. 81 % of MNIST pixels are zero, so the first
// layer's forward pass and weight gradient read about a fifth of the pixels, at 6 bytes each.
// Floats cost 3 more bytes per nonzero than bytes but save a conversion in the inner loops.

import type { LabeledImages } from '../labeled-images.js';
import type { EngineExports } from './thread-pool.js';
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
  /** f32 [nonzeros]: pixel bytes as floats, 0 to 255 */
  readonly values: number;
  /** u8 [N], written by the caller */
  readonly labels: number;
  readonly nonzeros: number;
}

/** Largest pixel count whose indices fit the u16 column entries. */
export const MAXIMUM_SPARSE_PIXELS = 65536;

// Images are copied into engine memory this many at a time, so the bytes of the whole data
// set are never duplicated there.
const STAGING_IMAGES = 1024;

/**
 * Copies the images of `data` into engine memory as sparse rows and reserves room for its
 * labels, which the caller copies before each batch. The engine counts and gathers the
 * nonzeros, one staged chunk of images at a time.
 */
export function createSparseImages(
  memory: WasmMemory,
  engine: Pick<EngineExports, 'countNonzeros' | 'fillSparseRows'>,
  data: Pick<LabeledImages, 'count' | 'pixelCount' | 'images'>,
): SparseImages {
  const { count, pixelCount, images } = data;
  const rowStarts = memory.allocate((count + 1) * 4);
  const labels = memory.allocate(count);
  const stagingImages = Math.min(count, STAGING_IMAGES);
  const staging = memory.allocate(stagingImages * pixelCount);
  const stage = (first: number, chunk: number): void => {
    memory.bytes().set(images.subarray(first * pixelCount, (first + chunk) * pixelCount), staging);
  };

  try {
    // First pass: the row offsets, so the entries can be allocated once.
    new Uint32Array(memory.memory.buffer, rowStarts, 1)[0] = 0;
    let nonzeros = 0;
    for (let first = 0; first < count; first += stagingImages) {
      const chunk = Math.min(stagingImages, count - first);
      stage(first, chunk);
      nonzeros = engine.countNonzeros(rowStarts + first * 4, staging, chunk, pixelCount, nonzeros);
    }

    // Second pass: the entries, plus the one spare entry that fillSparseRows writes into.
    const columns = memory.allocate((nonzeros + 1) * 2);
    const values = memory.allocate((nonzeros + 1) * 4);
    for (let first = 0; first < count; first += stagingImages) {
      const chunk = Math.min(stagingImages, count - first);
      stage(first, chunk);
      const entry = new Uint32Array(memory.memory.buffer, rowStarts + first * 4, 1)[0];
      engine.fillSparseRows(columns, values, staging, chunk, pixelCount, entry);
    }
    return { images, count, pixelCount, rowStarts, columns, values, labels, nonzeros };
  } finally {
    memory.release(staging);
  }
}

/** Returns the ranges of `sparse` to the allocator. */
export function releaseSparseImages(memory: WasmMemory, sparse: SparseImages): void {
  memory.release(sparse.rowStarts);
  memory.release(sparse.columns);
  memory.release(sparse.values);
  memory.release(sparse.labels);
}
