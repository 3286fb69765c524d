// First-layer kernels over images stored as compressed sparse rows (pixel bytes held as f32):
// most MNIST pixels are zero, so the forward pass and the weight gradient touch only those
// that are not.
//
// Letters: R = rows of a block, I = pixels per image, W = padded width of the first layer.
// Weights are transposed to [I, W] so one nonzero pixel scales one contiguous weight row.
// Every kernel handles one chunk of V vectors (4V lanes); it is inlined with a constant V.

/**
 * Writes out[lane] = bias[lane] + scale · Σ_k values[k] · weights[columns[k], lane] for one
 * chunk of 4V lanes. `weights` and `out` already point at the chunk's first lane.
 */
@inline
export function sparseForwardChunk(
  V: i32,
  out: usize,
  weights: usize,
  rowBytes: usize,
  columns: usize,
  values: usize,
  first: usize,
  end: usize,
  bias: usize,
  scale: v128,
): void {
  // Two sets of accumulators hide the latency of the additions: even nonzeros go into `a`,
  // odd ones into `b`.
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let a2 = f32x4.splat(0);
  let a3 = f32x4.splat(0);
  let b0 = f32x4.splat(0);
  let b1 = f32x4.splat(0);
  let b2 = f32x4.splat(0);
  let b3 = f32x4.splat(0);
  let k = first;
  for (; k + 1 < end; k += 2) {
    const p = weights + <usize>load<u16>(columns + (k << 1)) * rowBytes;
    const q = weights + <usize>load<u16>(columns + (k << 1), 2) * rowBytes;
    const x = v128.load32_splat(values + (k << 2));
    const y = v128.load32_splat(values + (k << 2), 4);
    a0 = f32x4.add(a0, f32x4.mul(x, v128.load(p)));
    b0 = f32x4.add(b0, f32x4.mul(y, v128.load(q)));
    if (V > 1) {
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(p, 16)));
      b1 = f32x4.add(b1, f32x4.mul(y, v128.load(q, 16)));
    }
    if (V > 2) {
      a2 = f32x4.add(a2, f32x4.mul(x, v128.load(p, 32)));
      b2 = f32x4.add(b2, f32x4.mul(y, v128.load(q, 32)));
    }
    if (V > 3) {
      a3 = f32x4.add(a3, f32x4.mul(x, v128.load(p, 48)));
      b3 = f32x4.add(b3, f32x4.mul(y, v128.load(q, 48)));
    }
  }
  if (k < end) {
    const p = weights + <usize>load<u16>(columns + (k << 1)) * rowBytes;
    const x = v128.load32_splat(values + (k << 2));
    a0 = f32x4.add(a0, f32x4.mul(x, v128.load(p)));
    if (V > 1) a1 = f32x4.add(a1, f32x4.mul(x, v128.load(p, 16)));
    if (V > 2) a2 = f32x4.add(a2, f32x4.mul(x, v128.load(p, 32)));
    if (V > 3) a3 = f32x4.add(a3, f32x4.mul(x, v128.load(p, 48)));
  }
  v128.store(out, f32x4.add(v128.load(bias), f32x4.mul(scale, f32x4.add(a0, b0))));
  if (V > 1) v128.store(out, f32x4.add(v128.load(bias, 16), f32x4.mul(scale, f32x4.add(a1, b1))), 16);
  if (V > 2) v128.store(out, f32x4.add(v128.load(bias, 32), f32x4.mul(scale, f32x4.add(a2, b2))), 32);
  if (V > 3) v128.store(out, f32x4.add(v128.load(bias, 48), f32x4.mul(scale, f32x4.add(a3, b3))), 48);
}

/**
 * Adds dWeights[columns[k], lane] += values[k] · dz[lane] for every nonzero k of one image and
 * one chunk of 4V lanes. `dz` is the row's gradient already multiplied by the pixel scale.
 */
@inline
export function sparseScatterChunk(
  V: i32,
  dWeights: usize,
  rowBytes: usize,
  columns: usize,
  values: usize,
  first: usize,
  end: usize,
  dz: usize,
): void {
  const g0 = v128.load(dz);
  const g1 = V > 1 ? v128.load(dz, 16) : f32x4.splat(0);
  const g2 = V > 2 ? v128.load(dz, 32) : f32x4.splat(0);
  const g3 = V > 3 ? v128.load(dz, 48) : f32x4.splat(0);
  for (let k = first; k < end; k++) {
    const p = dWeights + <usize>load<u16>(columns + (k << 1)) * rowBytes;
    const x = v128.load32_splat(values + (k << 2));
    v128.store(p, f32x4.add(v128.load(p), f32x4.mul(x, g0)));
    if (V > 1) v128.store(p, f32x4.add(v128.load(p, 16), f32x4.mul(x, g1)), 16);
    if (V > 2) v128.store(p, f32x4.add(v128.load(p, 32), f32x4.mul(x, g2)), 32);
    if (V > 3) v128.store(p, f32x4.add(v128.load(p, 48), f32x4.mul(x, g3)), 48);
  }
}

/**
 * Computes one image's first-layer pre-activations out [W] = scale · x·Wᵀ + b over the
 * nonzeros first..end of the sparse rows, chunk by chunk of 16 lanes.
 */
export function sparseRowForward(
  out: usize,
  weights: usize,
  biases: usize,
  width: u32,
  columns: usize,
  values: usize,
  first: usize,
  end: usize,
  pixelScale: f32,
): void {
  const scale = f32x4.splat(pixelScale);
  const rowBytes = <usize>width << 2;
  let lane: usize = 0;
  for (; lane + 16 <= <usize>width; lane += 16) {
    const offset = lane << 2;
    sparseForwardChunk(4, out + offset, weights + offset, rowBytes, columns, values, first, end, biases + offset, scale);
  }
  const offset = lane << 2;
  const rest = <usize>width - lane;
  if (rest == 12) {
    sparseForwardChunk(3, out + offset, weights + offset, rowBytes, columns, values, first, end, biases + offset, scale);
  } else if (rest == 8) {
    sparseForwardChunk(2, out + offset, weights + offset, rowBytes, columns, values, first, end, biases + offset, scale);
  } else if (rest == 4) {
    sparseForwardChunk(1, out + offset, weights + offset, rowBytes, columns, values, first, end, biases + offset, scale);
  }
}

/** Adds one image's first-layer weight gradient dWeights [I, W] += xᵀ·dz over its nonzeros. */
export function sparseRowScatter(
  dWeights: usize,
  width: u32,
  columns: usize,
  values: usize,
  first: usize,
  end: usize,
  dz: usize,
): void {
  const rowBytes = <usize>width << 2;
  let lane: usize = 0;
  for (; lane + 16 <= <usize>width; lane += 16) {
    const offset = lane << 2;
    sparseScatterChunk(4, dWeights + offset, rowBytes, columns, values, first, end, dz + offset);
  }
  const offset = lane << 2;
  const rest = <usize>width - lane;
  if (rest == 12) {
    sparseScatterChunk(3, dWeights + offset, rowBytes, columns, values, first, end, dz + offset);
  } else if (rest == 8) {
    sparseScatterChunk(2, dWeights + offset, rowBytes, columns, values, first, end, dz + offset);
  } else if (rest == 4) {
    sparseScatterChunk(1, dWeights + offset, rowBytes, columns, values, first, end, dz + offset);
  }
}
