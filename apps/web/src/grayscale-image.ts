// Drawing of small images (MNIST digits and weight maps) into canvases, one canvas pixel per
// image pixel; CSS scales them up with `image-rendering: pixelated`.

/** Draws `pixels` ([height, width], 0..255, 0 = black) into `context` with its top-left at (x, y). */
export function drawGrayscale(
  context: CanvasRenderingContext2D,
  pixels: ArrayLike<number>,
  width: number,
  height: number,
  x = 0,
  y = 0,
): void {
  const image = context.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const value = pixels[i];
    image.data[4 * i] = value;
    image.data[4 * i + 1] = value;
    image.data[4 * i + 2] = value;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, x, y);
}

/**
 * Draws signed `values` ([height, width]) with a diverging map: red for positive, blue for
 * negative, white for zero, each scaled by the largest magnitude in `values`.
 */
export function drawDiverging(
  context: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  width: number,
  height: number,
  x = 0,
  y = 0,
): void {
  let maximum = 0;
  for (let i = 0; i < width * height; i++) maximum = Math.max(maximum, Math.abs(values[i]));
  const scale = maximum > 0 ? 1 / maximum : 0;
  const image = context.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const t = values[i] * scale;
    const fade = Math.round(255 * (1 - Math.abs(t)));
    image.data[4 * i] = t >= 0 ? 255 : fade;
    image.data[4 * i + 1] = fade;
    image.data[4 * i + 2] = t >= 0 ? fade : 255;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, x, y);
}

/** Returns the 2D context of `canvas`, or throws when the browser cannot provide one. */
export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const context = canvas.getContext('2d');
  if (context === null) throw new Error(`Canvas #${canvas.id} has no 2D context.`);
  return context;
}
