// The scratchnet checks that need only the header, each rejected with its own code.
import { describe, expect, test } from 'vitest';
import type { ModelFormatError, ModelFormatErrorCode } from './model-format-error.js';
import { expectFormatError } from './test-errors.js';
import { checkModelHeader } from './model-header.js';
import { readSafetensorsHeader } from './safetensors-reader.js';
import { buildModelFile, validModelParts, type TestModelParts } from './test-model-files.js';

function check(parts: TestModelParts) {
  return checkModelHeader(readSafetensorsHeader(buildModelFile(parts)));
}

function expectCode(parts: TestModelParts, code: ModelFormatErrorCode): ModelFormatError {
  return expectFormatError(() => check(parts), code);
}

function withArchitecture(change: Record<string, unknown>): TestModelParts {
  const parts = validModelParts();
  parts.description.architecture = { ...(parts.description.architecture as object), ...change };
  return parts;
}

describe('scratchnet schema', () => {
  test('accepts the valid base case', () => {
    const { metadata, spec } = check(validModelParts([4, 3, 2]));
    expect(spec).toEqual({ sizes: [4, 3, 2], activation: 'relu' });
    expect(metadata.version).toBe(1);
    expect(metadata.classLabels).toEqual(['0', '1']);
  });

  test('file without scratchnet metadata', () => {
    const parts = validModelParts();
    parts.metadata.format = 'pt';
    expect(expectCode(parts, 'not-scratchnet').message).toContain('"pt"');
  });

  test('newer schema version names both versions', () => {
    const parts = validModelParts();
    parts.metadata.format_version = '2';
    const error = expectCode(parts, 'unsupported-version');
    expect(error.message).toContain('version 2');
    expect(error.message).toContain('up to 1');
  });

  test('version that is not a positive integer', () => {
    for (const version of ['0', '1.0', ' 1', 'one', '']) {
      const parts = validModelParts();
      parts.metadata.format_version = version;
      expectCode(parts, 'invalid-schema');
    }
  });

  test('description not valid JSON', () => {
    const parts = validModelParts();
    parts.metadata.scratchnet = '{"architecture":';
    expectCode(parts, 'invalid-schema');
  });

  test('description with a duplicate key', () => {
    const parts = validModelParts();
    const json = JSON.stringify({ ...parts.description, tensorsSha256: '0'.repeat(64) });
    parts.metadata.scratchnet = json.replace('{', '{"classLabels":["a","b"],');
    expect(expectCode(parts, 'invalid-schema').message).toContain('"classLabels" twice');
  });

  test('missing and mistyped fields name their path', () => {
    const parts = validModelParts();
    delete parts.description.preprocessing;
    expect(expectCode(parts, 'invalid-schema').message).toContain(
      'scratchnet.preprocessing is missing',
    );
    expect(
      expectCode(withArchitecture({ sizes: [4, '3', 2] }), 'invalid-schema').message,
    ).toContain('scratchnet.architecture.sizes[1]');
  });

  test('class labels not one per output', () => {
    const parts = validModelParts();
    parts.description.classLabels = ['a', 'b', 'c'];
    expectCode(parts, 'invalid-schema');
  });

  test('input shape not matching the input size', () => {
    expectCode(withArchitecture({ inputShape: [2, 3] }), 'invalid-schema');
  });

  test('activations unknown, mixed or without softmax', () => {
    expectCode(withArchitecture({ activations: ['gelu', 'softmax'] }), 'invalid-schema');
    expectCode(withArchitecture({ activations: ['relu', 'relu'] }), 'invalid-schema');
    expectCode(withArchitecture({ activations: ['softmax'] }), 'invalid-schema');
    const parts = validModelParts([4, 3, 3, 2]);
    parts.description.architecture = {
      ...(parts.description.architecture as object),
      activations: ['relu', 'tanh', 'softmax'],
    };
    expectCode(parts, 'invalid-schema');
  });

  test('tensor missing for the architecture', () => {
    const parts = validModelParts();
    parts.tensors = parts.tensors.filter((tensor) => tensor.name !== '2.bias');
    expect(expectCode(parts, 'missing-tensor').message).toContain('"2.bias"');
  });

  test('tensor the architecture does not call for', () => {
    const parts = validModelParts();
    parts.tensors.push({ name: '4.weight', dtype: 'F32', shape: [1], values: new Float32Array(1) });
    expectCode(parts, 'unexpected-tensor');
  });

  test('tensor shape not matching the architecture', () => {
    const parts = validModelParts();
    parts.tensors[0] = { ...parts.tensors[0], shape: [4, 3] };
    const error = expectCode(parts, 'shape-mismatch');
    expect(error.message).toContain('"0.weight"');
    expect(error.message).toContain('[3, 4]');
  });

  test('tensor dtype other than F32', () => {
    const parts = validModelParts();
    parts.tensors[1] = { name: '0.bias', dtype: 'F64', shape: [3], values: new Float64Array(3) };
    expectCode(parts, 'dtype-mismatch');
  });
});
