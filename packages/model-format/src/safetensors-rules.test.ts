// One case per rule of the safetensors format: each malformed file must be rejected
// with its own ModelFormatError code before any tensor data is read.
import { describe, expect, test } from 'vitest';
import { ModelFormatError, type ModelFormatErrorCode } from './model-format-error.js';
import { expectFormatError } from './test-errors.js';
import { decodeSafetensors, readSafetensorsHeader } from './safetensors-reader.js';

/** Builds a file from a header given as text or bytes, followed by `dataByteLength` zero bytes. */
function buildFile(
  header: string | Uint8Array,
  dataByteLength: number,
  headerLength?: bigint,
): Uint8Array {
  const headerBytes = typeof header === 'string' ? new TextEncoder().encode(header) : header;
  const bytes = new Uint8Array(8 + headerBytes.byteLength + dataByteLength);
  new DataView(bytes.buffer).setBigUint64(0, headerLength ?? BigInt(headerBytes.byteLength), true);
  bytes.set(headerBytes, 8);
  return bytes;
}

function entry(dtype: string, shape: unknown, offsets: unknown): string {
  return JSON.stringify({ dtype, shape, data_offsets: offsets });
}

function expectCode(bytes: Uint8Array, code: ModelFormatErrorCode): ModelFormatError {
  return expectFormatError(() => decodeSafetensors(bytes), code);
}

const valid = `{"w":${entry('F32', [2], [0, 8])}}`;

describe('safetensors rules', () => {
  test('accepts the valid base case', () => {
    expect(decodeSafetensors(buildFile(valid, 8)).tensors).toHaveLength(1);
  });

  test('file shorter than the length prefix', () => {
    expect(expectCode(new Uint8Array(5), 'file-too-short').message).toContain('5 bytes');
  });

  test('header length above the limit', () => {
    expectCode(buildFile(valid, 8, 2n ** 40n), 'header-too-large');
    expectCode(buildFile(valid, 8, 16n * 1024n * 1024n + 1n), 'header-too-large');
  });

  test('header length above a caller limit', () => {
    expect(() => readSafetensorsHeader(buildFile(valid, 8), { maxHeaderByteLength: 10 })).toThrow(
      /limit of 10 bytes/,
    );
  });

  test('header length past the end of the file', () => {
    expectCode(buildFile(valid, 0, 1000n), 'header-out-of-bounds');
  });

  test('header not starting with a brace', () => {
    expectCode(buildFile(` ${valid}`, 8), 'header-not-object');
    expectCode(buildFile('', 0), 'header-not-object');
  });

  test('header not valid UTF-8', () => {
    const header = new TextEncoder().encode(`{"w\u00e9":${entry('F32', [2], [0, 8])}}`);
    header[4] = 0xff;
    expectCode(buildFile(header, 8), 'header-not-utf8');
  });

  test('header not valid JSON', () => {
    expectCode(buildFile('{"w": {', 0), 'header-not-json');
    expectCode(buildFile(`${valid},`, 8), 'header-not-json');
  });

  test('tensor entry not an object', () => {
    expectCode(buildFile('{"w": 1}', 0), 'invalid-tensor-entry');
  });

  test('header nested very deeply', () => {
    const depth = 200_000;
    expect(() =>
      decodeSafetensors(buildFile(`{"w":${'['.repeat(depth)}${']'.repeat(depth)}}`, 0)),
    ).toThrow(ModelFormatError);
  });

  test('duplicate tensor name', () => {
    const error = expectCode(
      buildFile(`{"w":${entry('F32', [1], [0, 4])},"w":${entry('F32', [1], [4, 8])}}`, 8),
      'duplicate-key',
    );
    expect(error.message).toContain('"w"');
  });

  test('duplicate field inside a tensor entry', () => {
    expectCode(
      buildFile('{"w":{"dtype":"F32","dtype":"U8","shape":[2],"data_offsets":[0,8]}}', 8),
      'duplicate-key',
    );
  });

  test('tensor entry missing a field or with an unknown one', () => {
    expectCode(buildFile('{"w":{"dtype":"F32","shape":[2]}}', 8), 'invalid-tensor-entry');
    expectCode(
      buildFile('{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}', 8),
      'invalid-tensor-entry',
    );
  });

  test('unknown dtype', () => {
    expect(
      expectCode(buildFile(`{"w":${entry('F31', [2], [0, 8])}}`, 8), 'unknown-dtype').message,
    ).toContain('"w"');
    expectCode(buildFile(`{"w":${entry('f32', [2], [0, 8])}}`, 8), 'unknown-dtype');
  });

  test('shape entries that are not non-negative safe integers', () => {
    for (const shape of [[-1], [1.5], ['2'], [2 ** 53], null, 2]) {
      expectCode(buildFile(`{"w":${entry('F32', shape, [0, 8])}}`, 8), 'invalid-shape');
    }
  });

  test('offsets malformed, reversed or past the data', () => {
    for (const offsets of [[0], [0, 8, 9], [-8, 0], [0, 8.5], [8, 0], [0, 16], '0,8']) {
      expectCode(buildFile(`{"w":${entry('F32', [2], offsets)}}`, 8), 'invalid-offsets');
    }
  });

  test('byte count not matching dtype and shape', () => {
    expectCode(buildFile(`{"w":${entry('F32', [3], [0, 8])}}`, 8), 'byte-length-mismatch');
    expectCode(buildFile(`{"w":${entry('F64', [2], [0, 8])}}`, 8), 'byte-length-mismatch');
    expectCode(
      buildFile(`{"w":${entry('F32', [2 ** 40, 2 ** 40], [0, 8])}}`, 8),
      'byte-length-mismatch',
    );
  });

  test('two tensors overlapping', () => {
    const error = expectCode(
      buildFile(`{"a":${entry('F32', [2], [0, 8])},"b":${entry('F32', [1], [4, 8])}}`, 8),
      'data-overlap',
    );
    expect(error.message).toMatch(/"b".*"a"/);
  });

  test('hole between tensors', () => {
    expectCode(
      buildFile(`{"a":${entry('F32', [1], [0, 4])},"b":${entry('F32', [1], [8, 12])}}`, 12),
      'data-gap',
    );
    expectCode(buildFile(`{"a":${entry('F32', [1], [4, 8])}}`, 8), 'data-gap');
  });

  test('bytes after the last tensor', () => {
    expectCode(buildFile(valid, 9), 'data-size-mismatch');
    expectCode(buildFile('{}', 1), 'data-size-mismatch');
  });

  test('metadata that is not an object of strings', () => {
    expectCode(
      buildFile(`{"__metadata__":{"n":1},"w":${entry('F32', [2], [0, 8])}}`, 8),
      'invalid-metadata',
    );
    expectCode(
      buildFile(`{"__metadata__":["a"],"w":${entry('F32', [2], [0, 8])}}`, 8),
      'invalid-metadata',
    );
  });

  test('empty tensors and an empty file body', () => {
    expect(decodeSafetensors(buildFile('{}', 0)).tensors).toEqual([]);
    const file = decodeSafetensors(
      buildFile(`{"e":${entry('F32', [0, 3], [8, 8])},${valid.slice(1)}`, 8),
    );
    expect(file.tensors.map((tensor) => tensor.bytes.byteLength)).toEqual([0, 8]);
  });
});

describe('error messages', () => {
  test('are capped for huge quoted values', () => {
    const shape = JSON.stringify(Array.from({ length: 100_000 }, () => -1));
    const error = expectCode(
      buildFile(`{"w":{"dtype":"F32","shape":${shape},"data_offsets":[0,8]}}`, 8),
      'invalid-shape',
    );
    expect(error.message.length).toBeLessThanOrEqual(2001);
    expect(error.message).toContain('"w"');
  });
});
