// Turns a user's picture of a digit into the 28x28 input an MNIST network was
// trained on, the way MNIST itself was made. The digit's bounding box is scaled
// with area averaging so its longer side is 20 px. Then the digit is placed so
// that its center of mass is at the center of the 28x28 frame.

import { areaResample } from './area-resample.js';
import type { PixelRect } from './area-resample.js';
import {
  checkRasterImage,
  hasTransparency,
  luminance,
  meanVisibleLuminance,
} from './raster-image.js';
import type { RasterImage } from './raster-image.js';

/** A digit in the input format of an MNIST network. */
export interface PreprocessedDigit {
  /** [28 * 28] row-major, 0..255, light ink on a dark background as in MNIST. */
  pixels: Uint8Array;
  /** [28 * 28] the same pixels scaled by 1/255 into [0, 1]. */
  input: Float32Array;
}

/** Options for `preprocessDigit`. */
export interface PreprocessDigitOptions {
  /**
   * Background of the picture. 'light' (dark ink, as on paper) is inverted to MNIST's light
   * ink on dark; 'dark' is kept; 'auto' (default) decides from the median of the border pixels.
   */
  background?: 'auto' | 'dark' | 'light';
}

const FRAME_SIZE = 28;
const DIGIT_BOX_SIZE = 20;
/** Pixel-index coordinate of the frame center; the mean center of mass of MNIST digits is (14.0, 14.0). */
const FRAME_CENTER = 14;
/** Smallest difference between ink and background (of 255) that counts as a digit. */
const MIN_CONTRAST = 32;
/** Background noise allowance, in median absolute deviations of the border pixels. */
const NOISE_DEVIATIONS = 3;

/**
 * Converts an 8-bit image of any size with 1–4 channels into MNIST's 28x28 format. Returns
 * null when the image contains no ink (no pixel differs from the background by 32 levels or more).
 *
 * Steps: luminance, with transparent pixels composited onto a background that contrasts with
 * what is drawn (so a black stroke on a transparent canvas is ink); inversion of dark-on-light
 * pictures; background subtraction; the ink's bounding box scaled by area averaging so its
 * longer side is 20 px, aspect ratio kept; placement by center of mass in the 28x28 frame.
 *
 * @throws RangeError or TypeError when the image fields are inconsistent.
 */
export function preprocessDigit(
  image: RasterImage,
  options: PreprocessDigitOptions = {},
): PreprocessedDigit | null {
  checkRasterImage(image, 'preprocessDigit');
  const background = options.background ?? 'auto';
  if (background !== 'auto' && background !== 'dark' && background !== 'light') {
    throw new RangeError(
      `preprocessDigit: background is ${JSON.stringify(background)}; expected 'auto', 'dark' or 'light'.`,
    );
  }
  const { width, height } = image;

  // Luminance, composited and turned to light ink on dark.
  const gray = luminance(
    new Float32Array(width * height),
    image,
    compositingBackground(image, background),
  );
  const invert =
    background === 'light' ||
    (background === 'auto' && borderStatistics(gray, width, height).median > 127.5);
  if (invert) {
    for (let i = 0; i < gray.length; i++) gray[i] = 255 - gray[i];
  }

  // Background subtraction: levels up to the background plus its noise become 0, the brightest ink 1.
  const border = borderStatistics(gray, width, height, true);
  const floor = border.median + NOISE_DEVIATIONS * border.medianDeviation;
  let max = 0;
  for (const value of gray) max = Math.max(max, value);
  if (max - floor < MIN_CONTRAST) return null;
  const ink = gray;
  for (let i = 0; i < ink.length; i++)
    ink[i] = Math.min(1, Math.max(0, (ink[i] - floor) / (max - floor)));

  // Bounding box of the ink, scaled so its longer side is 20 px.
  const box = inkBoundingBox(ink, width, height);
  const longerSide = Math.max(box.width, box.height);
  const digitWidth = Math.max(1, Math.round((box.width * DIGIT_BOX_SIZE) / longerSide));
  const digitHeight = Math.max(1, Math.round((box.height * DIGIT_BOX_SIZE) / longerSide));
  const digit = areaResample(
    new Float32Array(digitWidth * digitHeight),
    digitWidth,
    digitHeight,
    ink,
    width,
    box,
  );

  // Placement: whole-pixel shift that puts the center of mass nearest the frame center.
  return placeByCenterOfMass(digit, digitWidth, digitHeight);
}

// Transparent pixels take the color opposite to what is drawn, so strokes always contrast.
function compositingBackground(image: RasterImage, background: 'auto' | 'dark' | 'light'): number {
  if (background === 'light') return 255;
  if (background === 'dark') return 0;
  if (!hasTransparency(image)) return 0;
  const drawn = meanVisibleLuminance(image);
  return drawn >= 0 && drawn < 127.5 ? 255 : 0;
}

/**
 * Median and median absolute deviation of the outermost ring of pixels, from a 256-bin histogram.
 * With `darkOnly`, only levels up to 127.5 count, so ink touching the border is not taken
 * for background. When no border pixel is dark, the background is 0 with no noise.
 */
function borderStatistics(
  gray: Float32Array,
  width: number,
  height: number,
  darkOnly = false,
): { median: number; medianDeviation: number } {
  const ring: number[] = [];
  for (let x = 0; x < width; x++) {
    ring.push(gray[x]);
    if (height > 1) ring.push(gray[(height - 1) * width + x]);
  }
  for (let y = 1; y < height - 1; y++) {
    ring.push(gray[y * width]);
    if (width > 1) ring.push(gray[y * width + width - 1]);
  }
  const values = darkOnly ? ring.filter((value) => value <= 127.5) : ring;
  if (values.length === 0) return { median: 0, medianDeviation: 0 };

  const median = histogramMedian(values);
  return {
    median,
    medianDeviation: histogramMedian(values.map((value) => Math.abs(value - median))),
  };
}

function histogramMedian(values: readonly number[]): number {
  const histogram = new Uint32Array(256);
  for (const value of values) histogram[Math.min(255, Math.max(0, Math.round(value)))]++;
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level];
    if (2 * seen >= values.length) return level;
  }
  return 255;
}

function inkBoundingBox(ink: Float32Array, width: number, height: number): PixelRect {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

function placeByCenterOfMass(
  digit: Float32Array,
  digitWidth: number,
  digitHeight: number,
): PreprocessedDigit {
  let mass = 0;
  let massX = 0;
  let massY = 0;
  for (let y = 0; y < digitHeight; y++) {
    for (let x = 0; x < digitWidth; x++) {
      const value = digit[y * digitWidth + x];
      mass += value;
      massX += value * x;
      massY += value * y;
    }
  }
  const left = Math.round(FRAME_CENTER - massX / mass);
  const top = Math.round(FRAME_CENTER - massY / mass);

  // A digit whose mass lies far off its box center can be shifted partly out of the frame,
  // and the pixels outside are dropped.
  const pixels = new Uint8Array(FRAME_SIZE * FRAME_SIZE);
  const input = new Float32Array(FRAME_SIZE * FRAME_SIZE);
  for (let y = 0; y < digitHeight; y++) {
    const frameY = top + y;
    if (frameY < 0 || frameY >= FRAME_SIZE) continue;
    for (let x = 0; x < digitWidth; x++) {
      const frameX = left + x;
      if (frameX < 0 || frameX >= FRAME_SIZE) continue;
      const level = Math.round(digit[y * digitWidth + x] * 255);
      pixels[frameY * FRAME_SIZE + frameX] = level;
      input[frameY * FRAME_SIZE + frameX] = level / 255;
    }
  }
  return { pixels, input };
}
