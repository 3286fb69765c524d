// readModelHeader checks the header and the tensor list but never touches tensor data.
import { describe, expect, test } from 'vitest';
import { decodeModel, readModelHeader } from './model-decoder.js';
import { buildModelFile, validModelParts } from './test-model-files.js';

describe('readModelHeader', () => {
  const bytes = buildModelFile(validModelParts([4, 3, 2]));

  test('returns metadata and the tensor list', () => {
    const header = readModelHeader(bytes);
    expect(header.metadata.architecture.sizes).toEqual([4, 3, 2]);
    expect(header.tensors).toEqual([
      { name: '0.weight', dtype: 'F32', shape: [3, 4], byteLength: 48 },
      { name: '0.bias', dtype: 'F32', shape: [3], byteLength: 12 },
      { name: '2.weight', dtype: 'F32', shape: [2, 3], byteLength: 24 },
      { name: '2.bias', dtype: 'F32', shape: [2], byteLength: 8 },
    ]);
    expect(8 + header.headerByteLength + 92).toBe(bytes.byteLength);
  });

  test('does not read the tensor data', () => {
    const damaged = bytes.slice();
    damaged.fill(0xff, bytes.byteLength - 92);
    expect(readModelHeader(damaged).metadata.classLabels).toEqual(['0', '1']);
    expect(() => decodeModel(damaged)).toThrow(/SHA-256/);
  });
});
