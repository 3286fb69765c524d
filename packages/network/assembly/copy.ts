// Copies between the network's layouts and the engine's: sparse rows built from image bytes,
// and transposes between [O, I] weights and the engine's [I, W] rows. Faster here than in
// JavaScript, which matters once per batch for the parameters and once per data set for the
// sparse rows.

/**
 * Writes rowStarts[n + 1] = total + the nonzero bytes of images 0..n for the `count` images
 * [count, pixelCount] at `images`, and returns the new total.
 */
export function countNonzeros(rowStarts: usize, images: usize, count: u32, pixelCount: u32, total: u32): u32 {
  for (let image: u32 = 0; image < count; image++) {
    const start = images + <usize>image * <usize>pixelCount;
    let pixel: u32 = 0;
    // 16 pixels at a time: a zero byte sets one bit of the mask.
    for (; pixel + 16 <= pixelCount; pixel += 16) {
      const zeros = i8x16.bitmask(i8x16.eq(v128.load(start + pixel), i8x16.splat(0)));
      total += 16 - <u32>popcnt<i32>(zeros);
    }
    for (; pixel < pixelCount; pixel++) if (load<u8>(start + pixel) != 0) total++;
    store<u32>(rowStarts + (<usize>image << 2), total, 4);
  }
  return total;
}

/**
 * Writes the column (u16) and value (f32) of every nonzero pixel of the `count` images at
 * `images`, from entry `first` on. The entry arrays need one spare entry at the end: each pixel
 * is written, and the position advances only past nonzeros, which avoids a branch per pixel.
 */
export function fillSparseRows(columns: usize, values: usize, images: usize, count: u32, pixelCount: u32, first: u32): void {
  let entry = <usize>first;
  for (let image: u32 = 0; image < count; image++) {
    const start = images + <usize>image * <usize>pixelCount;
    for (let pixel: u32 = 0; pixel < pixelCount; pixel++) {
      const value = load<u8>(start + pixel);
      store<u16>(columns + (entry << 1), <u16>pixel);
      store<f32>(values + (entry << 2), <f32>value);
      entry += <usize>(value != 0);
    }
  }
}

/** Writes out[c, r] = input[r, c] for rows × cols floats; rows are the strides apart (floats). */
export function transpose(out: usize, outStride: u32, input: usize, inputStride: u32, rows: u32, cols: u32): void {
  for (let r: u32 = 0; r < rows; r++) {
    const from = input + (<usize>(r * inputStride) << 2);
    for (let c: u32 = 0; c < cols; c++) store<f32>(out + (<usize>(c * outStride + r) << 2), load<f32>(from + (<usize>c << 2)));
  }
}
