// Assertion helper for tests: run a read and expect one ModelFormatError code.

import { expect } from 'vitest';
import { ModelFormatError, type ModelFormatErrorCode } from './model-format-error.js';

/** Runs `read`, expects it to throw a ModelFormatError with `code`, and returns the error. */
export function expectFormatError(
  read: () => unknown,
  code: ModelFormatErrorCode,
  context?: string,
): ModelFormatError {
  let caught: unknown;
  try {
    read();
  } catch (error) {
    caught = error;
  }
  expect(caught, context).toBeInstanceOf(ModelFormatError);
  expect((caught as ModelFormatError).code, context).toBe(code);
  return caught as ModelFormatError;
}
