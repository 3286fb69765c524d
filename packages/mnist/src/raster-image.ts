// Turns an 8-bit raster image (gray, gray+alpha, RGB or RGBA) into one
// luminance value per pixel, compositing transparent pixels onto a background.

/** An 8-bit image, row-major with interleaved channels: [height, width * channels]. */
export interface RasterImage {
  width: number;
  height: number;
  /** 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** Checks the fields of a RasterImage and throws a RangeError naming the wrong one. */
export function checkRasterImage(image: RasterImage, caller: string): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(
      `${caller}: image size ${width}x${height} is invalid; width and height must be positive integers.`,
    );
  }
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new RangeError(
      `${caller}: channels is ${String(channels)}; expected 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA).`,
    );
  }
  if (!(data instanceof Uint8Array) && !(data instanceof Uint8ClampedArray)) {
    throw new TypeError(
      `${caller}: image data must be a Uint8Array or Uint8ClampedArray of 8-bit samples.`,
    );
  }
  const expected = width * height * channels;
  if (data.length !== expected) {
    throw new RangeError(
      `${caller}: a ${width}x${height} image with ${channels} channels needs ${expected} bytes but data has ${data.length}.`,
    );
  }
}

/** True when the image has an alpha channel and at least one pixel is not fully opaque. */
export function hasTransparency(image: RasterImage): boolean {
  const { channels, data } = image;
  if (channels !== 2 && channels !== 4) return false;
  for (let i = channels - 1; i < data.length; i += channels) {
    if (data[i] < 255) return true;
  }
  return false;
}

/**
 * Returns the alpha-weighted mean luminance (0..255) of the visible pixels, i.e. the color of
 * what is drawn on a transparent canvas, or -1 when every pixel is fully transparent.
 */
export function meanVisibleLuminance(image: RasterImage): number {
  const { channels, data } = image;
  let weightedSum = 0;
  let alphaSum = 0;
  for (let i = 0; i < data.length; i += channels) {
    const alpha = data[i + channels - 1];
    weightedSum += alpha * colorLuminance(data, i, channels);
    alphaSum += alpha;
  }
  return alphaSum === 0 ? -1 : weightedSum / alphaSum;
}

/**
 * Writes the luminance (0..255) of each pixel into `out` [height * width] and returns `out`.
 * Color uses the ITU-R BT.601 luma weights 0.299 R + 0.587 G + 0.114 B, as PIL's convert('L') does for
 * grayscale. Alpha composites each pixel over `background` (0..255): out = a·Y + (1 − a)·background.
 */
export function luminance(out: Float32Array, image: RasterImage, background: number): Float32Array {
  const { channels, data } = image;
  const hasAlpha = channels === 2 || channels === 4;
  for (let pixel = 0, i = 0; pixel < out.length; pixel++, i += channels) {
    const y = colorLuminance(data, i, channels);
    if (hasAlpha) {
      const alpha = data[i + channels - 1] / 255;
      out[pixel] = alpha * y + (1 - alpha) * background;
    } else {
      out[pixel] = y;
    }
  }
  return out;
}

function colorLuminance(data: Uint8Array | Uint8ClampedArray, i: number, channels: number): number {
  return channels >= 3 ? 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2] : data[i];
}
