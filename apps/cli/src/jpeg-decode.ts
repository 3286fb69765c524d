// JPEG decoding through jpeg-js into an 8-bit RGB RasterImage.

import jpeg from 'jpeg-js';
import type { RasterImage } from '@scratchnet/mnist';

/** True when the bytes start with the JPEG start-of-image marker FF D8 FF. */
export function hasJpegSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Decodes a baseline or progressive JPEG. Greyscale JPEGs come out as RGB with equal channels. */
export function decodeJpeg(bytes: Uint8Array): RasterImage {
  // formatAsRGBA: false gives 3 bytes per pixel for both colour and greyscale files (jpeg-js 0.4.4).
  // maxResolutionInMP caps memory for hostile files; a digit photo needs far less than 50 megapixels.
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 50 });
  return { width: image.width, height: image.height, channels: 3, data: image.data };
}
