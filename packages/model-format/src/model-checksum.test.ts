// A changed tensor byte must be caught by the SHA-256 recorded in the header.
import { describe, expect, test } from 'vitest';
import { decodeModel } from './model-decoder.js';
import { expectFormatError } from './test-errors.js';
import { readSafetensorsHeader } from './safetensors-reader.js';
import { buildModelFile, validModelParts } from './test-model-files.js';

describe('tensor checksum', () => {
  const bytes = buildModelFile(validModelParts([4, 3, 2]));
  const dataOffset = 8 + readSafetensorsHeader(bytes).headerByteLength;

  test('accepts the untouched file', () => {
    expect(decodeModel(bytes).metadata.architecture.sizes).toEqual([4, 3, 2]);
  });

  test('rejects one flipped bit anywhere in the data', () => {
    for (let offset = dataOffset; offset < bytes.byteLength; offset += 7) {
      const damaged = bytes.slice();
      damaged[offset] ^= 0x01;
      expectFormatError(() => decodeModel(damaged), 'checksum-mismatch', `byte ${offset}`);
    }
  });

  test('rejects a checksum of the wrong data', () => {
    const parts = validModelParts([4, 3, 2]);
    parts.description.tensorsSha256 = 'f'.repeat(64);
    expect(() => decodeModel(buildModelFile(parts))).toThrow(
      /SHA-256 [0-9a-f]{64}, but the header records f{64}/,
    );
  });
});
