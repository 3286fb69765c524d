// Draws a greyscale image in the terminal with shade characters, two columns per pixel
// so the drawing keeps roughly square pixels in a typical monospace font.

const SHADES = [' ', '░', '▒', '▓', '█'];

/**
 * Renders pixels [height, width] (0 = background, 255 = full ink, MNIST polarity) inside a frame.
 * Each pixel becomes two characters, one of five shades.
 */
export function renderDigit(pixels: ArrayLike<number>, width = 28, height = 28): string {
  const border = `+${'-'.repeat(width * 2)}+`;
  const lines = [border];
  for (let row = 0; row < height; row++) {
    let line = '|';
    for (let col = 0; col < width; col++) {
      const shade = SHADES[Math.min(SHADES.length - 1, Math.floor((pixels[row * width + col] * SHADES.length) / 256))];
      line += shade + shade;
    }
    lines.push(`${line}|`);
  }
  lines.push(border);
  return lines.join('\n');
}
