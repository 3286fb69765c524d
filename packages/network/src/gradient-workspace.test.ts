import { Matrix, Random } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { ACTIVATIONS } from './activation.js';
import type { Activation } from './activation.js';
import { GradientWorkspace } from './gradient-workspace.js';
import type { LayerShape, LayerTensors } from './gradient-workspace.js';
import { LOSSES } from './loss.js';
import type { LossName } from './loss.js';
import { numericalGradient, randomFloat64, relativeError } from './testing/finite-differences.js';

const sizes = [6, 5, 4, 3];
const batchSize = 7;
const tileRows = 3; // tiles of 3, 3 and 1 rows
const labels = Uint8Array.of(0, 2, 1, 1, 0, 2, 2);

function layerShapes(activation: Activation): LayerShape[] {
  return sizes.slice(1).map((outputSize, index) => ({
    inputSize: sizes[index],
    outputSize,
    activation: index === sizes.length - 2 ? 'softmax' : activation,
  }));
}

/** A Float64 network, its gradients, and a function that runs one whole batch tile by tile. */
function setup(activation: Activation, loss: LossName, dropoutRate = 0) {
  const shapes = layerShapes(activation);
  const workspace = new GradientWorkspace<Float64Array>(shapes, tileRows, 'float64');
  const inputs = randomFloat64(batchSize * sizes[0], 41, 0, 1);
  const parameters = shapes.map((shape, index) => ({
    weights: randomFloat64(shape.outputSize * shape.inputSize, 50 + index, -0.8, 0.8),
    biases: randomFloat64(shape.outputSize, 60 + index, -0.3, 0.3),
  }));
  const gradients = shapes.map((shape) => ({
    dWeights: new Float64Array(shape.outputSize * shape.inputSize),
    dBiases: new Float64Array(shape.outputSize),
  }));
  const tensors: LayerTensors[] = shapes.map((shape, index) => ({
    weights: new Matrix(shape.outputSize, shape.inputSize, parameters[index].weights),
    biases: parameters[index].biases,
    dWeights: new Matrix(shape.outputSize, shape.inputSize, gradients[index].dWeights),
    dBiases: gradients[index].dBiases,
  }));
  const random = new Random(7);
  const randomStart = random.getState();

  /** Overwrites the gradients with those of the mean loss and returns the mean loss. */
  const runBatch = (): number => {
    for (const gradient of gradients) {
      gradient.dWeights.fill(0);
      gradient.dBiases.fill(0);
    }
    // The same masks on every run, so finite differences see one fixed function.
    random.setState(randomStart);
    let lossSum = 0;
    for (let start = 0; start < batchSize; start += tileRows) {
      const rows = Math.min(tileRows, batchSize - start);
      workspace.input.set(inputs.subarray(start * sizes[0], (start + rows) * sizes[0]));
      workspace.labels.set(labels.subarray(start, start + rows));
      workspace.accumulateTile(
        rows,
        tensors,
        1 / batchSize,
        loss,
        dropoutRate > 0 ? { rate: dropoutRate, random } : undefined,
      );
      lossSum += workspace.lossSum;
    }
    return lossSum / batchSize;
  };
  return { parameters, gradients, runBatch };
}

function expectGradientsMatch(activation: Activation, loss: LossName, dropoutRate = 0): void {
  const { parameters, gradients, runBatch } = setup(activation, loss, dropoutRate);
  runBatch();
  const analytic = gradients.map((gradient) => ({
    dWeights: gradient.dWeights.slice(),
    dBiases: gradient.dBiases.slice(),
  }));
  parameters.forEach((layer, index) => {
    expect(
      relativeError(analytic[index].dWeights, numericalGradient(layer.weights, runBatch)),
    ).toBeLessThan(1e-6);
    expect(
      relativeError(analytic[index].dBiases, numericalGradient(layer.biases, runBatch)),
    ).toBeLessThan(1e-6);
  });
}

describe('GradientWorkspace', () => {
  for (const activation of ACTIVATIONS) {
    for (const loss of LOSSES) {
      it(`matches finite differences: ${activation}, ${loss}`, () =>
        expectGradientsMatch(activation, loss));
    }
  }

  it('matches finite differences with dropout', () =>
    expectGradientsMatch('relu', 'cross-entropy', 0.3));

  it('gives the same gradients for any tile size', () => {
    const tiled = setup('tanh', 'cross-entropy');
    tiled.runBatch();
    const shapes = layerShapes('tanh');
    const whole = new GradientWorkspace<Float64Array>(shapes, batchSize, 'float64');
    const inputs = randomFloat64(batchSize * sizes[0], 41, 0, 1);
    whole.input.set(inputs);
    whole.labels.set(labels);
    const gradients = shapes.map((shape) => ({
      dWeights: new Float64Array(shape.outputSize * shape.inputSize),
      dBiases: new Float64Array(shape.outputSize),
    }));
    whole.accumulateTile(
      batchSize,
      shapes.map((shape, index) => ({
        weights: new Matrix(shape.outputSize, shape.inputSize, tiled.parameters[index].weights),
        biases: tiled.parameters[index].biases,
        dWeights: new Matrix(shape.outputSize, shape.inputSize, gradients[index].dWeights),
        dBiases: gradients[index].dBiases,
      })),
      1 / batchSize,
      'cross-entropy',
    );
    gradients.forEach((gradient, index) => {
      gradient.dWeights.forEach((value, i) =>
        expect(value).toBeCloseTo(tiled.gradients[index].dWeights[i], 14),
      );
      gradient.dBiases.forEach((value, i) =>
        expect(value).toBeCloseTo(tiled.gradients[index].dBiases[i], 14),
      );
    });
  });
});
