import { crc32 } from 'node:zlib';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './image-file.js';

const width = 5;
const height = 3;

/** Sample at (row, col) for a bit depth: covers 0, the maximum and values in between. */
function sampleAt(row: number, col: number, depth: number): number {
  const maximum = 2 ** depth - 1;
  return (row * width + col) % (maximum + 1);
}

/** Packs one-channel samples into PNG rows that start on byte boundaries. */
function packRows(depth: number, channels: number): Uint8Array | Uint16Array {
  if (depth === 16) {
    return Uint16Array.from({ length: width * height * channels }, (_, i) => (i * 4099) % 65536);
  }
  if (depth === 8) {
    return Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37) % 256);
  }
  const bytesPerRow = Math.ceil((width * depth) / 8);
  const packed = new Uint8Array(bytesPerRow * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const bit = col * depth;
      packed[row * bytesPerRow + (bit >> 3)] |= sampleAt(row, col, depth) << (8 - depth - (bit & 7));
    }
  }
  return packed;
}

/** Inserts a chunk right before the first IDAT chunk of a PNG file. */
function insertChunk(png: Uint8Array, type: string, payload: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + payload.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, payload.length);
  chunk.set(Buffer.from(type, 'latin1'), 4);
  chunk.set(payload, 8);
  view.setUint32(8 + payload.length, crc32(chunk.subarray(4, 8 + payload.length)));
  const idat = Buffer.from(png).indexOf('IDAT', 8, 'latin1') - 4;
  return Buffer.concat([png.subarray(0, idat), chunk, png.subarray(idat)]);
}

describe('decodeImage PNG', () => {
  for (const depth of [1, 2, 4, 8, 16] as const) {
    it(`grey ${depth}-bit scales to 0..255`, () => {
      const file = encodePng({ width, height, depth, channels: 1, data: packRows(depth, 1) });
      const image = decodeImage(file, 'grey.png');
      expect(image.channels).toBe(1);
      expect([image.width, image.height]).toEqual([width, height]);
      const maximum = 2 ** depth - 1;
      const source = depth >= 8 ? packRows(depth, 1) : null;
      for (let row = 0; row < height; row++) {
        for (let col = 0; col < width; col++) {
          const sample = source ? source[row * width + col] : sampleAt(row, col, depth);
          expect(image.data[row * width + col]).toBe(Math.round((sample * 255) / maximum));
        }
      }
    });
  }

  for (const channels of [2, 3, 4] as const) {
    for (const depth of [8, 16] as const) {
      it(`${channels} channels ${depth}-bit keep channel order`, () => {
        const source = packRows(depth, channels);
        const image = decodeImage(encodePng({ width, height, depth, channels, data: source }), 'colour.png');
        expect(image.channels).toBe(channels);
        const expected = Array.from(source, (sample) => (depth === 16 ? Math.round(sample / 257) : sample));
        expect(Array.from(image.data)).toEqual(expected);
      });
    }
  }

  for (const depth of [1, 2, 4, 8] as const) {
    it(`palette ${depth}-bit expands to RGB`, () => {
      const colourCount = 2 ** depth;
      const palette = Array.from({ length: colourCount }, (_, i) => [(i * 3) % 256, 255 - i, (i * 7) % 256]);
      const file = encodePng({ width, height, depth, channels: 1, palette, data: depth === 8 ? packRows(8, 1) : packRows(depth, 1) });
      const image = decodeImage(file, 'palette.png');
      expect(image.channels).toBe(3);
      const indices = depth === 8 ? Array.from(packRows(8, 1)) : null;
      for (let row = 0; row < height; row++) {
        for (let col = 0; col < width; col++) {
          const pixel = row * width + col;
          const index = indices ? indices[pixel] : sampleAt(row, col, depth);
          expect(Array.from(image.data.subarray(pixel * 3, pixel * 3 + 3))).toEqual(palette[index]);
        }
      }
    });
  }

  it('palette with tRNS becomes RGBA', () => {
    const palette = [
      [10, 20, 30],
      [40, 50, 60],
      [70, 80, 90],
    ];
    const plain = encodePng({ width: 3, height: 1, depth: 8, channels: 1, palette, data: new Uint8Array([0, 1, 2]) });
    const image = decodeImage(insertChunk(plain, 'tRNS', new Uint8Array([0, 128])), 'palette-alpha.png');
    expect(image.channels).toBe(4);
    expect(Array.from(image.data)).toEqual([10, 20, 30, 0, 40, 50, 60, 128, 70, 80, 90, 255]);
  });

  it('grey colour key becomes alpha', () => {
    const plain = encodePng({ width: 3, height: 1, depth: 8, channels: 1, data: new Uint8Array([255, 7, 255]) });
    const image = decodeImage(insertChunk(plain, 'tRNS', new Uint8Array([0, 255])), 'grey-key.png');
    expect(image.channels).toBe(2);
    expect(Array.from(image.data)).toEqual([255, 0, 7, 255, 255, 0]);
  });
});

describe('decodeImage JPEG', () => {
  it('decodes to RGB close to the source', () => {
    const rgba = new Uint8Array(16 * 16 * 4);
    for (let pixel = 0; pixel < 256; pixel++) {
      rgba.set([pixel < 128 ? 0 : 255, pixel < 128 ? 0 : 255, pixel < 128 ? 0 : 255, 255], pixel * 4);
    }
    const file = jpeg.encode({ width: 16, height: 16, data: rgba }, 95).data;
    const image = decodeImage(file, 'digit.jpg');
    expect(image.channels).toBe(3);
    expect([image.width, image.height]).toEqual([16, 16]);
    let maximumError = 0;
    for (let pixel = 0; pixel < 256; pixel++) {
      maximumError = Math.max(maximumError, Math.abs(image.data[pixel * 3] - rgba[pixel * 4]));
    }
    expect(maximumError).toBeLessThan(40);
  });
});

describe('decodeImage errors', () => {
  it('rejects a text file and names it', () => {
    expect(() => decodeImage(Buffer.from('hello, world'), 'notes.txt')).toThrow(/^notes\.txt is not a PNG or JPEG image/);
  });

  it('rejects a truncated PNG and names it', () => {
    const file = encodePng({ width, height, depth: 8, channels: 1, data: packRows(8, 1) });
    // Cuts inside the header, inside the image data (a zlib error) and before the end chunk.
    for (const length of [20, 40, file.length - 30, file.length - 12]) {
      expect(() => decodeImage(file.subarray(0, length), 'cut.png'), String(length)).toThrow(
        /^cut\.png is a truncated or damaged PNG file( \([^:;]+[^:;\s]\))?; check that the file is complete$/,
      );
    }
  });
});
