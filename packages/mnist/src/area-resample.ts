// Resamples a rectangle of a float image by area averaging: each output pixel
// is the mean of the source area it covers, with fractional weights at the
// edges. Downscaling this way keeps thin strokes (no aliasing); it is the
// two-pass box filter that MNIST-style normalization needs.

interface AxisWeights {
  /** First source index contributing to each output index. */
  starts: Int32Array;
  /** Weights of the contributing source indices, `span` per output index. */
  weights: Float64Array;
  span: number;
}

// Output pixel j covers source interval [j * scale, (j + 1) * scale) with scale = sourceSize / outSize.
function axisWeights(sourceSize: number, outSize: number): AxisWeights {
  const scale = sourceSize / outSize;
  const span = Math.ceil(scale) + 1;
  const starts = new Int32Array(outSize);
  const weights = new Float64Array(outSize * span);
  for (let j = 0; j < outSize; j++) {
    const from = j * scale;
    const to = Math.min(sourceSize, (j + 1) * scale);
    const start = Math.floor(from);
    starts[j] = start;
    for (let k = 0; k < span; k++) {
      const overlap = Math.min(to, start + k + 1) - Math.max(from, start + k);
      weights[j * span + k] = overlap > 0 ? overlap / scale : 0;
    }
  }
  return { starts, weights, span };
}

/** A rectangle of an image: left column, top row, width and height in pixels. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Writes the area-averaged resample of `rect` of `source` [sourceHeight, sourceWidth]
 * into `out` [outHeight, outWidth] and returns `out`. `out` must not alias `source`.
 */
export function areaResample(
  out: Float32Array,
  outWidth: number,
  outHeight: number,
  source: Float32Array,
  sourceWidth: number,
  rect: PixelRect,
): Float32Array {
  const columns = axisWeights(rect.width, outWidth);
  const rows = axisWeights(rect.height, outHeight);

  // Horizontal pass: rect.height rows of outWidth values.
  const horizontal = new Float64Array(rect.height * outWidth);
  for (let y = 0; y < rect.height; y++) {
    const sourceRow = (rect.top + y) * sourceWidth + rect.left;
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      const start = columns.starts[x];
      for (let k = 0; k < columns.span && start + k < rect.width; k++) {
        sum += columns.weights[x * columns.span + k] * source[sourceRow + start + k];
      }
      horizontal[y * outWidth + x] = sum;
    }
  }

  // Vertical pass.
  for (let y = 0; y < outHeight; y++) {
    const start = rows.starts[y];
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let k = 0; k < rows.span && start + k < rect.height; k++) {
        sum += rows.weights[y * rows.span + k] * horizontal[(start + k) * outWidth + x];
      }
      out[y * outWidth + x] = sum;
    }
  }
  return out;
}
