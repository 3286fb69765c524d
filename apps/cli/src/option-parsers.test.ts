import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  parseBatchSize,
  parseChoice,
  parseFraction,
  parseLayers,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parsePositiveNumber,
  parseSeed,
} from './option-parsers.js';

describe('option parsers', () => {
  it('parsePositiveNumber accepts and rejects', () => {
    expect(parsePositiveNumber('0.1')).toBe(0.1);
    expect(parsePositiveNumber('1e-3')).toBe(0.001);
    for (const bad of ['0', '-0.1', 'abc', '', 'Infinity', 'NaN']) {
      expect(() => parsePositiveNumber(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('parsePositiveInteger accepts and rejects', () => {
    expect(parsePositiveInteger('12')).toBe(12);
    for (const bad of ['0', '-3', '1.5', '1e3', 'x', '']) {
      expect(() => parsePositiveInteger(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('parseNonNegativeInteger accepts zero', () => {
    expect(parseNonNegativeInteger('0')).toBe(0);
    expect(() => parseNonNegativeInteger('-1')).toThrow(InvalidArgumentError);
  });

  it('parseSeed limits to 32 bits', () => {
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(() => parseSeed('4294967296')).toThrow(InvalidArgumentError);
    expect(() => parseSeed('-1')).toThrow(InvalidArgumentError);
  });

  it('parseFraction keeps [0, 1)', () => {
    expect(parseFraction('0')).toBe(0);
    expect(parseFraction('0.25')).toBe(0.25);
    for (const bad of ['1', '-0.1', 'half']) {
      expect(() => parseFraction(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('parseBatchSize takes full or a count', () => {
    expect(parseBatchSize('full')).toBe('full');
    expect(parseBatchSize('64')).toBe(64);
    expect(() => parseBatchSize('0')).toThrow(InvalidArgumentError);
    expect(() => parseBatchSize('all')).toThrow(InvalidArgumentError);
  });

  it('parseLayers splits sizes', () => {
    expect(parseLayers('784,128,10')).toEqual([784, 128, 10]);
    expect(parseLayers(' 784, 10 ')).toEqual([784, 10]);
    for (const bad of ['784', '784,,10', '784,0,10', '784,a,10', '784,-5,10', '']) {
      expect(() => parseLayers(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('parseChoice lists allowed values', () => {
    const parse = parseChoice(['relu', 'tanh'], 'activation');
    expect(parse('tanh')).toBe('tanh');
    expect(() => parse('gelu')).toThrow('expected one of: relu, tanh');
  });
});
