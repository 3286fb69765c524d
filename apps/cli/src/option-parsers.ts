// Parsers for option values. Each throws commander's InvalidArgumentError, whose message
// commander prints after the option name and the rejected value.

import { InvalidArgumentError } from 'commander';

/** Parses a number greater than zero, such as a learning rate. */
export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('Expected a number greater than 0, such as 0.1.');
  }
  return number;
}

/** Parses an integer of at least 1, such as an epoch count. */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  }
  return number;
}

/** Parses an integer of at least 0, such as an image index. */
export function parseNonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('Expected a whole number of at least 0.');
  }
  return number;
}

/** Parses a seed: an integer in [0, 2^32). */
export function parseSeed(value: string): number {
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || number > 0xffffffff) {
    throw new InvalidArgumentError('Expected a whole number from 0 to 4294967295.');
  }
  return number;
}

/** Parses a fraction in [0, 1), such as the validation split. */
export function parseFraction(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number >= 1) {
    throw new InvalidArgumentError('Expected a fraction from 0 up to (not including) 1, such as 0.1.');
  }
  return number;
}

/** Parses a batch size: a whole number of at least 1, or `full` for the whole training set. */
export function parseBatchSize(value: string): number | 'full' {
  if (value.trim().toLowerCase() === 'full') {
    return 'full';
  }
  try {
    return parsePositiveInteger(value);
  } catch {
    throw new InvalidArgumentError("Expected a whole number of at least 1, or 'full' for full-batch training.");
  }
}

/** Parses layer sizes such as `784,128,10`: at least two whole numbers of at least 1. */
export function parseLayers(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  const sizes = parts.map(Number);
  const valid = parts.length >= 2 && parts.every((part) => /^\d+$/.test(part)) && sizes.every((size) => size >= 1);
  if (!valid) {
    throw new InvalidArgumentError('Expected comma-separated layer sizes from input to output, at least two, such as 784,128,10.');
  }
  return sizes;
}

/** Returns a parser that accepts one of `allowed`, listing them when the value is not one. */
export function parseChoice<T extends string>(allowed: readonly T[], valueName: string): (value: string) => T {
  return (value: string): T => {
    if (!allowed.includes(value as T)) {
      throw new InvalidArgumentError(`Unknown ${valueName}; expected one of: ${allowed.join(', ')}.`);
    }
    return value as T;
  };
}
