import { beforeAll, describe, expect, it } from 'vitest';

import { Random } from '@scratchnet/matrix';

import type { Dataset } from './dataset.js';
import { loadEmbeddedMnist } from './node.js';
import { preprocessDigit } from './preprocess-digit.js';
import type { RasterImage } from './raster-image.js';

// Real MNIST test digits are turned into the kinds of pictures users draw or photograph, then
// preprocessed and compared with the original 28x28 digit. The two measures are the mean
// absolute pixel difference (0..255 levels) and the Pearson correlation of the 784 pixels.
const DIGIT_COUNT = 100;
const SIDE = 28;

let test: Dataset;
beforeAll(async () => {
  test = (await loadEmbeddedMnist()).test;
});

/** Enlarges a 28x28 digit `factor` times by pixel repetition into a width x height canvas at (left, top). */
function enlarge(
  digit: Uint8Array,
  factor: number,
  canvas: { width: number; height: number; left: number; top: number },
): Uint8Array {
  const out = new Uint8Array(canvas.width * canvas.height);
  for (let y = 0; y < SIDE * factor; y++) {
    for (let x = 0; x < SIDE * factor; x++) {
      out[(canvas.top + y) * canvas.width + canvas.left + x] =
        digit[Math.floor(y / factor) * SIDE + Math.floor(x / factor)];
    }
  }
  return out;
}

/** Resamples a 28x28 digit to size x size by bilinear interpolation into a width x height canvas at (left, top). */
function bilinear(
  digit: Uint8Array,
  size: number,
  canvas: { width: number; height: number; left: number; top: number },
): Float32Array {
  const out = new Float32Array(canvas.width * canvas.height);
  const sample = (x: number, y: number): number =>
    x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : digit[y * SIDE + x];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sourceX = ((x + 0.5) * SIDE) / size - 0.5;
      const sourceY = ((y + 0.5) * SIDE) / size - 0.5;
      const x0 = Math.floor(sourceX);
      const y0 = Math.floor(sourceY);
      const fx = sourceX - x0;
      const fy = sourceY - y0;
      const value =
        (1 - fy) * ((1 - fx) * sample(x0, y0) + fx * sample(x0 + 1, y0)) +
        fy * ((1 - fx) * sample(x0, y0 + 1) + fx * sample(x0 + 1, y0 + 1));
      out[(canvas.top + y) * canvas.width + canvas.left + x] = value;
    }
  }
  return out;
}

function meanAbsoluteDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

function correlation(a: Uint8Array, b: Uint8Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i] / n;
    meanB += b[i] / n;
  }
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let i = 0; i < n; i++) {
    covariance += (a[i] - meanA) * (b[i] - meanB);
    varianceA += (a[i] - meanA) ** 2;
    varianceB += (b[i] - meanB) ** 2;
  }
  return covariance / Math.sqrt(varianceA * varianceB);
}

type Variant = (digit: Uint8Array) => RasterImage;

const VARIANTS: Record<string, Variant> = {
  'enlarged x10': (digit) => ({
    width: 280,
    height: 280,
    channels: 1,
    data: enlarge(digit, 10, { width: 280, height: 280, left: 0, top: 0 }),
  }),
  'inverted x10': (digit) => ({
    width: 280,
    height: 280,
    channels: 1,
    data: enlarge(digit, 10, { width: 280, height: 280, left: 0, top: 0 }).map(
      (value) => 255 - value,
    ),
  }),
  'offset x10 in 480x360': (digit) => ({
    width: 480,
    height: 360,
    channels: 1,
    data: enlarge(digit, 10, { width: 480, height: 360, left: 171, top: 43 }),
  }),
  'black on transparent RGBA': (digit) => {
    const gray = enlarge(digit, 10, { width: 300, height: 290, left: 12, top: 5 });
    const data = new Uint8ClampedArray(gray.length * 4);
    for (let i = 0; i < gray.length; i++) data[4 * i + 3] = gray[i]; // rgb 0: black ink, alpha = ink
    return { width: 300, height: 290, channels: 4, data };
  },
  'blue on white RGB': (digit) => {
    const gray = enlarge(digit, 10, { width: 280, height: 280, left: 0, top: 0 });
    const data = new Uint8Array(gray.length * 3);
    for (let i = 0; i < gray.length; i++) {
      data[3 * i] = 255 - gray[i];
      data[3 * i + 1] = 255 - gray[i];
      data[3 * i + 2] = 255;
    }
    return { width: 280, height: 280, channels: 3, data };
  },
  'bilinear x7.3': (digit) => ({
    width: 260,
    height: 230,
    channels: 1,
    data: Uint8Array.from(
      bilinear(digit, 204, { width: 260, height: 230, left: 40, top: 11 }),
      Math.round,
    ),
  }),
  'noisy paper photo': (digit) => {
    // Dark gray ink (level 40) on light gray paper (level 200) with uniform noise of +-12 levels.
    const random = new Random(digit.length + digit[400] + digit[500]);
    const ink = bilinear(digit, 150, { width: 220, height: 200, left: 30, top: 25 });
    const data = Uint8Array.from(ink, (value) =>
      Math.round(200 - (160 * value) / 255 + random.uniform(-12, 12)),
    );
    return { width: 220, height: 200, channels: 1, data };
  },
  'small 14x14 upscaled': (digit) => ({
    width: 40,
    height: 30,
    channels: 1,
    data: Uint8Array.from(
      bilinear(digit, 14, { width: 40, height: 30, left: 3, top: 9 }),
      Math.round,
    ),
  }),
};

/**
 * Bounds per variant: the mean over 100 digits of the mean absolute difference (levels of 255)
 * and of the correlation, and the worst single correlation. Exact enlargements must come back
 * almost unchanged. Blurred, noisy and low-resolution pictures lose edge detail and may land
 * one pixel off, so their bounds are looser.
 */
const BOUNDS: Record<
  string,
  { meanDifference: number; meanCorrelation: number; minCorrelation: number }
> = {
  'enlarged x10': { meanDifference: 0.5, meanCorrelation: 0.999, minCorrelation: 0.99 },
  'inverted x10': { meanDifference: 0.5, meanCorrelation: 0.999, minCorrelation: 0.99 },
  'offset x10 in 480x360': { meanDifference: 0.5, meanCorrelation: 0.999, minCorrelation: 0.99 },
  'black on transparent RGBA': {
    meanDifference: 0.5,
    meanCorrelation: 0.999,
    minCorrelation: 0.99,
  },
  'blue on white RGB': { meanDifference: 0.5, meanCorrelation: 0.999, minCorrelation: 0.99 },
  'bilinear x7.3': { meanDifference: 11, meanCorrelation: 0.92, minCorrelation: 0.6 },
  'noisy paper photo': { meanDifference: 13, meanCorrelation: 0.9, minCorrelation: 0.6 },
  'small 14x14 upscaled': { meanDifference: 18, meanCorrelation: 0.82, minCorrelation: 0.55 },
};

describe('preprocessDigit on MNIST test digits', () => {
  for (const [name, variant] of Object.entries(VARIANTS)) {
    it(`restores ${name}`, () => {
      const differences: number[] = [];
      const correlations: number[] = [];
      for (let index = 0; index < DIGIT_COUNT; index++) {
        const original = test.image(index);
        const result = preprocessDigit(variant(original));
        if (result === null) throw new Error(`${name}: test digit ${index} was reported as empty`);
        differences.push(meanAbsoluteDifference(result.pixels, original));
        correlations.push(correlation(result.pixels, original));
      }

      const bounds = BOUNDS[name];
      const meanDifference = differences.reduce((a, b) => a + b) / DIGIT_COUNT;
      const meanCorrelation = correlations.reduce((a, b) => a + b) / DIGIT_COUNT;
      expect(meanDifference).toBeLessThan(bounds.meanDifference);
      expect(meanCorrelation).toBeGreaterThan(bounds.meanCorrelation);
      expect(Math.min(...correlations)).toBeGreaterThan(bounds.minCorrelation);
    });
  }
});

function blankImage(
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4,
  value: number,
): RasterImage {
  return { width, height, channels, data: new Uint8Array(width * height * channels).fill(value) };
}

/** Builds a 60x80 gray picture with a filled rectangle of `ink` on `paper`, columns 10..29 and rows 20..59. */
function barImage(paper: number, ink: number): RasterImage {
  const image = blankImage(60, 80, 1, paper);
  for (let y = 20; y < 60; y++) image.data.fill(ink, y * 60 + 10, y * 60 + 30);
  return image;
}

describe('preprocessDigit', () => {
  it('returns null without ink', () => {
    expect(preprocessDigit(blankImage(50, 40, 1, 0))).toBeNull();
    expect(preprocessDigit(blankImage(50, 40, 1, 255))).toBeNull();
    expect(preprocessDigit(blankImage(50, 40, 3, 128))).toBeNull();
    expect(preprocessDigit(blankImage(50, 40, 4, 0))).toBeNull();
    expect(preprocessDigit(barImage(120, 140))).toBeNull();
  });

  it('scales the longer side to 20 pixels', () => {
    const result = preprocessDigit(barImage(0, 255));
    if (result === null) throw new Error('bar reported as empty');

    // The 20x40 bar becomes 10x20 with its center of mass (4.5, 9.5) moved to (14, 14),
    // rounded half up: columns 10..19, rows 5..24.
    const expected = new Uint8Array(784);
    for (let y = 5; y < 25; y++) expected.fill(255, y * 28 + 10, y * 28 + 20);
    expect(Array.from(result.pixels)).toEqual(Array.from(expected));
  });

  it('inverts dark ink on light paper', () => {
    const dark = preprocessDigit(barImage(0, 255));
    const light = preprocessDigit(barImage(255, 0));

    expect(light).not.toBeNull();
    expect(light!.pixels).toEqual(dark!.pixels);
  });

  it('follows an explicit background', () => {
    // Ink covering the whole border (a frame 6 px wide) fools the automatic choice, which
    // takes the border for background: the white inside becomes the ink.
    const frame = blankImage(60, 60, 1, 255);
    for (let y = 0; y < 60; y++) {
      for (let x = 0; x < 60; x++) {
        if (x < 6 || y < 6 || x >= 54 || y >= 54) frame.data[y * 60 + x] = 0;
      }
    }
    const invertedFrame = { ...frame, data: frame.data.map((level) => 255 - level) };
    const automatic = preprocessDigit(frame);
    const light = preprocessDigit(frame, { background: 'light' });

    expect(automatic!.pixels[14 * 28 + 14]).toBe(255);
    expect(light).not.toBeNull();
    expect(light!.pixels[14 * 28 + 14]).toBe(0);
    expect(light!.pixels[14 * 28 + 5]).toBe(255); // the frame, 2 px wide after scaling 60 -> 20
    expect(preprocessDigit(invertedFrame, { background: 'dark' })).toEqual(light);
  });

  it('treats every channel layout alike', () => {
    const gray = barImage(255, 0);
    const grayAlpha = new Uint8Array(gray.data.length * 2);
    const rgb = new Uint8Array(gray.data.length * 3);
    const whiteOnTransparent = new Uint8Array(gray.data.length * 4);
    for (let i = 0; i < gray.data.length; i++) {
      grayAlpha[2 * i] = gray.data[i];
      grayAlpha[2 * i + 1] = 255;
      rgb.fill(gray.data[i], 3 * i, 3 * i + 3);
      whiteOnTransparent.fill(255, 4 * i, 4 * i + 3);
      whiteOnTransparent[4 * i + 3] = 255 - gray.data[i];
    }
    const reference = preprocessDigit(gray);

    expect(reference).not.toBeNull();
    expect(preprocessDigit({ ...gray, channels: 2, data: grayAlpha })).toEqual(reference);
    expect(preprocessDigit({ ...gray, channels: 3, data: rgb })).toEqual(reference);
    expect(preprocessDigit({ ...gray, channels: 4, data: whiteOnTransparent })).toEqual(reference);
  });

  it('scales input as pixels / 255', () => {
    const result = preprocessDigit(VARIANTS['bilinear x7.3'](test.image(7)));
    if (result === null) throw new Error('digit reported as empty');

    expect(result.input).toEqual(Float32Array.from(result.pixels, (level) => level / 255));
  });

  it('rejects inconsistent images', () => {
    expect(() =>
      preprocessDigit({ width: 10, height: 10, channels: 1, data: new Uint8Array(99) }),
    ).toThrow(/needs 100 bytes but data has 99/);
    expect(() =>
      preprocessDigit({ width: 0, height: 10, channels: 1, data: new Uint8Array(0) }),
    ).toThrow(/image size 0x10 is invalid/);
    expect(() =>
      preprocessDigit({ width: 2, height: 2, channels: 5 as 4, data: new Uint8Array(20) }),
    ).toThrow(/channels is 5/);
    expect(() =>
      preprocessDigit(
        { width: 2, height: 2, channels: 1, data: new Uint8Array(4) },
        { background: 'purple' as 'auto' },
      ),
    ).toThrow(/background is "purple"; expected 'auto', 'dark' or 'light'/);
  });
});
