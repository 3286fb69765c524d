// PNG decoding through fast-png, normalised to 8 bits per channel.
// fast-png 8 returns packed rows for 1, 2 and 4-bit images and a Uint16Array for 16-bit images.
// Indexed images come as palette indices plus the palette, and tRNS colour keys come separately.
// This file turns every case into one byte per channel.

import { decode, hasPngSignature as hasSignature } from 'fast-png';
import type { DecodedPng } from 'fast-png';
import type { RasterImage } from '@scratchnet/mnist';

/** True when the bytes start with the 8-byte PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return hasSignature(bytes);
}

/** Decodes any PNG colour type and bit depth into 8 bits per channel. */
export function decodePngToRaster(bytes: Uint8Array): RasterImage {
  const png = decode(bytes);
  if (png.palette) {
    return expandPalette(png);
  }

  const channels = png.channels;
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new Error(`unsupported PNG channel count ${channels}`);
  }
  const samples = unpackSamples(png, channels);
  const key = png.transparency;
  if (key && (channels === 1 || channels === 3) && key.length === channels) {
    return applyColourKey(png, samples, channels, key);
  }
  return { width: png.width, height: png.height, channels, data: scaleTo8Bits(samples, png.depth) };
}

/** Returns one sample per array element, at the file's bit depth (rows of 1/2/4-bit images unpacked). */
function unpackSamples(png: DecodedPng, channels: number): Uint8Array | Uint16Array {
  if (png.depth >= 8) {
    return png.data as Uint8Array | Uint16Array;
  }

  // Rows of sub-byte samples start on a byte boundary, most significant bits first.
  const { width, height, depth } = png;
  const packed = png.data as Uint8Array;
  const samplesPerRow = width * channels;
  const bytesPerRow = Math.ceil((samplesPerRow * depth) / 8);
  const mask = (1 << depth) - 1;
  const samples = new Uint8Array(samplesPerRow * height);
  for (let row = 0; row < height; row++) {
    const rowStart = row * bytesPerRow;
    for (let i = 0; i < samplesPerRow; i++) {
      const bitOffset = i * depth;
      const byte = packed[rowStart + (bitOffset >> 3)];
      samples[row * samplesPerRow + i] = (byte >> (8 - depth - (bitOffset & 7))) & mask;
    }
  }
  return samples;
}

/** Rescales samples of `depth` bits to 0..255, so the maximum sample of any depth maps to 255. */
function scaleTo8Bits(samples: Uint8Array | Uint16Array, depth: number): Uint8Array {
  if (depth === 8) {
    return samples as Uint8Array;
  }
  const maximum = 2 ** depth - 1;
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    out[i] = Math.round((samples[i] * 255) / maximum);
  }
  return out;
}

/** Adds an alpha channel that is 0 where a pixel equals the tRNS colour key and 255 elsewhere. */
function applyColourKey(png: DecodedPng, samples: Uint8Array | Uint16Array, channels: 1 | 3, key: Uint16Array): RasterImage {
  const pixelCount = png.width * png.height;
  const scaled = scaleTo8Bits(samples, png.depth);
  const out = new Uint8Array(pixelCount * (channels + 1));
  for (let pixel = 0; pixel < pixelCount; pixel++) {
    let matches = true;
    for (let channel = 0; channel < channels; channel++) {
      const sample = samples[pixel * channels + channel];
      out[pixel * (channels + 1) + channel] = scaled[pixel * channels + channel];
      if (sample !== key[channel]) {
        matches = false;
      }
    }
    out[pixel * (channels + 1) + channels] = matches ? 0 : 255;
  }
  return { width: png.width, height: png.height, channels: channels === 1 ? 2 : 4, data: out };
}

/** Replaces palette indices by their RGB or RGBA colours (RGBA when the file has a tRNS chunk). */
function expandPalette(png: DecodedPng): RasterImage {
  const palette = png.palette ?? [];
  const indices = unpackSamples(png, 1);
  const channels = palette.some((colour) => colour.length === 4) ? 4 : 3;
  const out = new Uint8Array(indices.length * channels);
  for (let pixel = 0; pixel < indices.length; pixel++) {
    const colour = palette[indices[pixel]];
    if (!colour) {
      throw new Error(`palette index ${indices[pixel]} is outside the palette of ${palette.length} colours`);
    }
    out[pixel * channels] = colour[0];
    out[pixel * channels + 1] = colour[1];
    out[pixel * channels + 2] = colour[2];
    if (channels === 4) {
      out[pixel * channels + 3] = colour[3] ?? 255;
    }
  }
  return { width: png.width, height: png.height, channels, data: out };
}
