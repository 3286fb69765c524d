import { Matrix } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { denseBackward, denseForward } from './dense.js';
import {
  dot,
  numericalGradient,
  randomFloat64,
  relativeError,
} from './testing/finite-differences.js';

const batchSize = 3;
const inputSize = 5;
const outputSize = 4;

function setup() {
  const input = new Matrix(batchSize, inputSize, randomFloat64(batchSize * inputSize, 1));
  const weights = new Matrix(outputSize, inputSize, randomFloat64(outputSize * inputSize, 2));
  const biases = randomFloat64(outputSize, 3);
  const dOutput = new Matrix(batchSize, outputSize, randomFloat64(batchSize * outputSize, 4));
  const out = new Matrix(batchSize, outputSize, new Float64Array(batchSize * outputSize));
  // The linear loss L = Σ Z ⊙ dOutput has dL/dZ = dOutput.
  const loss = () => dot(denseForward(out, input, weights, biases).data, dOutput.data);
  return { input, weights, biases, dOutput, out, loss };
}

describe('denseForward', () => {
  it('matches a naive X·Wᵀ + b', () => {
    const { input, weights, biases, out } = setup();
    denseForward(out, input, weights, biases);
    for (let row = 0; row < batchSize; row++) {
      for (let unit = 0; unit < outputSize; unit++) {
        let expected = biases[unit];
        for (let k = 0; k < inputSize; k++)
          expected += input.data[row * inputSize + k] * weights.data[unit * inputSize + k];
        expect(out.data[row * outputSize + unit]).toBeCloseTo(expected, 12);
      }
    }
  });
});

describe('denseBackward', () => {
  it('matches finite differences for weights, biases and input', () => {
    const { input, weights, biases, dOutput, loss } = setup();
    const dWeights = new Matrix(outputSize, inputSize, new Float64Array(outputSize * inputSize));
    const dBiases = new Float64Array(outputSize);
    const dInput = new Matrix(batchSize, inputSize, new Float64Array(batchSize * inputSize));
    denseBackward(dInput, dWeights, dBiases, dOutput, input, weights);

    expect(relativeError(dWeights.data, numericalGradient(weights.data, loss))).toBeLessThan(1e-6);
    expect(relativeError(dBiases, numericalGradient(biases, loss))).toBeLessThan(1e-6);
    expect(relativeError(dInput.data, numericalGradient(input.data, loss))).toBeLessThan(1e-6);
  });

  it('sums the bias gradient per unit over the batch', () => {
    const { input, weights, dOutput } = setup();
    const dBiases = new Float64Array(outputSize);
    denseBackward(
      null,
      new Matrix(outputSize, inputSize, new Float64Array(outputSize * inputSize)),
      dBiases,
      dOutput,
      input,
      weights,
    );
    for (let unit = 0; unit < outputSize; unit++) {
      let expected = 0;
      for (let row = 0; row < batchSize; row++) expected += dOutput.data[row * outputSize + unit];
      expect(dBiases[unit]).toBeCloseTo(expected, 12);
    }
  });

  it('adds into parameter gradients and overwrites the input gradient', () => {
    const { input, weights, dOutput } = setup();
    const fresh = new Matrix(outputSize, inputSize, new Float64Array(outputSize * inputSize));
    const freshBiases = new Float64Array(outputSize);
    const freshInput = new Matrix(batchSize, inputSize, new Float64Array(batchSize * inputSize));
    denseBackward(freshInput, fresh, freshBiases, dOutput, input, weights);

    const dWeights = new Matrix(
      outputSize,
      inputSize,
      new Float64Array(outputSize * inputSize).fill(1),
    );
    const dBiases = new Float64Array(outputSize).fill(2);
    const dInput = new Matrix(
      batchSize,
      inputSize,
      new Float64Array(batchSize * inputSize).fill(Number.NaN),
    );
    denseBackward(dInput, dWeights, dBiases, dOutput, input, weights);

    dWeights.data.forEach((value, index) => expect(value).toBeCloseTo(1 + fresh.data[index], 12));
    dBiases.forEach((value, index) => expect(value).toBeCloseTo(2 + freshBiases[index], 12));
    expect(Array.from(dInput.data)).toEqual(Array.from(freshInput.data));
  });
});
