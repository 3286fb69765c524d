import { describe, expect, test } from 'vitest';
import { findDuplicateKey } from './json-duplicate-keys.js';

describe('findDuplicateKey', () => {
  test('finds a duplicate at the top level', () => {
    expect(findDuplicateKey('{"a": 1, "b": 2, "a": 3}')).toEqual({ key: 'a', offset: 17 });
  });

  test('finds a duplicate in a nested object', () => {
    expect(findDuplicateKey('{"t": {"dtype": "F32", "dtype": "U8"}}')?.key).toBe('dtype');
  });

  test('compares keys after decoding escapes', () => {
    expect(findDuplicateKey('{"a": 1, "\\u0061": 2}')?.key).toBe('a');
  });

  test('accepts equal keys in different objects', () => {
    expect(
      findDuplicateKey('{"x": {"a": 1}, "y": {"a": 2}, "z": [{"a": 3}, {"a": 4}]}'),
    ).toBeUndefined();
  });

  test('ignores keys that only appear inside string values', () => {
    expect(findDuplicateKey('{"a": "\\"a\\": 1, {\\"a\\"", "b": ["a", "a"]}')).toBeUndefined();
  });

  test('handles deep nesting without recursion', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + '{"k": 1, "k": 2}' + ']'.repeat(depth);
    expect(findDuplicateKey(text)?.key).toBe('k');
  });
});
