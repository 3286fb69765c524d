import { describe, expect, it } from 'vitest';
import { readTrainingConfig, type TrainingFormElements } from './training-form';

/** Form fields as plain objects: readTrainingConfig only reads their `value`. */
function fields(values: Partial<Record<keyof TrainingFormElements, string>>): TrainingFormElements {
  const defaults = {
    preset: 'strong',
    sizes: '784, 128, 10',
    activation: 'relu',
    optimizer: 'adam',
    learningRate: '0.001',
    batchSize: '128',
    epochs: '3',
    seed: '42',
  };
  const merged = { ...defaults, ...values };
  return Object.fromEntries(Object.entries(merged).map(([key, value]) => [key, { value }])) as unknown as TrainingFormElements;
}

describe('readTrainingConfig', () => {
  it('parses valid fields', () => {
    expect(readTrainingConfig(fields({ sizes: '784,64 32, 10' }))).toEqual({
      preset: 'strong',
      sizes: [784, 64, 32, 10],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.001,
      batchSize: 128,
      epochs: 3,
      seed: 42,
    });
  });

  it.each([
    [{ sizes: '784, 10' }, undefined],
    [{ sizes: '784, abc, 10' }, /Layer sizes "784, abc, 10" are invalid/],
    [{ sizes: '784, 0, 10' }, /Layer sizes "784, 0, 10" are invalid/],
    [{ sizes: '100, 32, 10' }, /must start with 784 .* and end with 10 .*, not 100, 32, 10/],
    [{ sizes: '784, 32, 9' }, /must start with 784/],
    [{ learningRate: '0' }, /Learning rate "0" is invalid: expected a number greater than 0/],
    [{ learningRate: '' }, /Learning rate "" is invalid/],
    [{ batchSize: '12.5' }, /Batch size "12.5" is invalid: expected an integer from 1 to 55000/],
    [{ batchSize: '60000' }, /Batch size "60000" is invalid/],
    [{ epochs: '0' }, /Epochs "0" is invalid: expected an integer of at least 1/],
    [{ seed: '-1' }, /Seed "-1" is invalid/],
  ])('checks %o', (values, error) => {
    if (error === undefined) expect(readTrainingConfig(fields(values)).sizes).toEqual([784, 10]);
    else expect(() => readTrainingConfig(fields(values))).toThrow(error);
  });
});
