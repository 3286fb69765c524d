// Reads PNG and JPEG files into 8-bit RasterImages for the shared digit preprocessing.

import { readFile } from 'node:fs/promises';
import type { RasterImage } from '@scratchnet/mnist';
import { decodeJpeg, hasJpegSignature } from './jpeg-decode.js';
import { decodePngToRaster, hasPngSignature } from './png-decode.js';
import { CliError, errorMessage } from './cli-error.js';

/**
 * Decodes PNG or JPEG bytes, recognised by their signature (never by the file name).
 * `fileName` only appears in error messages.
 */
export function decodeImage(bytes: Uint8Array, fileName: string): RasterImage {
  let decode: (bytes: Uint8Array) => RasterImage;
  const isPng = hasPngSignature(bytes);
  if (isPng) {
    decode = decodePngToRaster;
  } else if (hasJpegSignature(bytes)) {
    decode = decodeJpeg;
  } else {
    const start = Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    throw new CliError(
      `${fileName} is not a PNG or JPEG image (it starts with bytes ${start || 'nothing: the file is empty'}); pass a PNG or JPEG file`,
    );
  }

  try {
    return decode(bytes);
  } catch (error) {
    // A PNG cut short fails inside the decoder with a bare RangeError (a DataView offset), an empty
    // message or a zlib message that ends in a colon, none of which helps the user.
    const detail = errorMessage(error).replace(/[\s:;]+$/, '');
    if (isPng) {
      const decoderMessage = detail === '' || error instanceof RangeError ? '' : ` (${detail})`;
      throw new CliError(`${fileName} is a truncated or damaged PNG file${decoderMessage}; check that the file is complete`, { cause: error });
    }
    throw new CliError(`${fileName} could not be decoded: ${errorMessage(error)}; check that the file is a complete PNG or JPEG image`, {
      cause: error,
    });
  }
}

/** Reads and decodes one image file, with errors that name the file. */
export async function readImageFile(path: string): Promise<RasterImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileReadError(path, 'image', error);
  }
  return decodeImage(bytes, path);
}

/** Turns a failed read into a one-line error that names the file and the fix. */
export function fileReadError(path: string, kind: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new CliError(`${kind} file not found: ${path}; check the path`, { cause: error });
  }
  if (code === 'EISDIR') {
    const article = /^[aeiou]/i.test(kind) ? 'an' : 'a';
    return new CliError(`${path} is a directory, not ${article} ${kind} file; pass a file path`, { cause: error });
  }
  return new CliError(`failed to read ${kind} file ${path}: ${errorMessage(error)}`, { cause: error });
}
