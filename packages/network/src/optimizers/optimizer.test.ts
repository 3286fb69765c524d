import { describe, expect, it } from 'vitest';

import { createOptimizer } from './optimizer.js';

// Two tensors (weights with decay 0.1, biases without) updated twice with fixed gradients.
// Every expected value is computed here step by step, rounding what the optimizer stores to
// float32 exactly where it stores it.
const f = Math.fround;
const initial = [Float32Array.of(0.5, -1.25, 2), Float32Array.of(0.25)];
const gradientSteps = [
  [Float32Array.of(0.1, -0.2, 0.3), Float32Array.of(-0.4)],
  [Float32Array.of(-0.05, 0.15, 0.25), Float32Array.of(0.2)],
];
const decays = [0.1, 0];
const learningRate = 0.01;

function run(name: Parameters<typeof createOptimizer>[0], settings = {}) {
  const parameters = initial.map((tensor) => tensor.slice());
  const optimizer = createOptimizer(name, [3, 1], { ...settings, weightDecays: decays });
  for (const gradients of gradientSteps) optimizer.update(parameters, gradients, learningRate);
  return { parameters, optimizer };
}

/** Applies `step` to every element (tensor, index) of the parameters with its gradient sequence. */
function expected(
  step: (w: number, g: number, decay: number, state: number[], t: number) => number,
): number[][] {
  return initial.map((tensor, tensorIndex) =>
    Array.from(tensor, (start, index) => {
      let w = start;
      const state: number[] = [0, 0];
      gradientSteps.forEach((gradients, t) => {
        w = f(step(w, gradients[tensorIndex][index], decays[tensorIndex], state, t + 1));
      });
      return w;
    }),
  );
}

function expectParameters(actual: Float32Array[], wanted: number[][]): void {
  actual.forEach((tensor, index) => expect(Array.from(tensor)).toEqual(wanted[index]));
}

describe('optimizers', () => {
  it('sgd: plain step with decay', () => {
    expectParameters(
      run('sgd').parameters,
      expected((w, g, decay) => w - learningRate * (g + decay * w)),
    );
  });

  it('momentum: velocity step', () => {
    const wanted = expected((w, g, decay, state) => {
      state[0] = f(0.9 * state[0] + (g + decay * w));
      return w - learningRate * state[0];
    });
    const { parameters, optimizer } = run('momentum');
    expectParameters(parameters, wanted);
    expect(optimizer.slots.velocity).toHaveLength(2);
  });

  it('nesterov: look-ahead step', () => {
    const wanted = expected((w, g, decay, state) => {
      const gradient = g + decay * w;
      state[0] = f(0.5 * state[0] + gradient);
      return w - learningRate * (gradient + 0.5 * state[0]);
    });
    expectParameters(run('nesterov', { momentum: 0.5 }).parameters, wanted);
  });

  it('adam: bias-corrected moments with L2 decay', () => {
    const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
    const wanted = expected((w, g, decay, state, t) => {
      const gradient = g + decay * w;
      state[0] = f(beta1 * state[0] + (1 - beta1) * gradient);
      state[1] = f(beta2 * state[1] + (1 - beta2) * gradient * gradient);
      const mHat = state[0] / (1 - beta1 ** t);
      const vHat = state[1] / (1 - beta2 ** t);
      return w - (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
    });
    const { parameters, optimizer } = run('adam');
    expectParameters(parameters, wanted);
    expect(optimizer.step).toBe(2);
  });

  it('adamw: decoupled decay', () => {
    const [beta1, beta2, epsilon] = [0.8, 0.99, 1e-6];
    const wanted = expected((w, g, decay, state, t) => {
      state[0] = f(beta1 * state[0] + (1 - beta1) * g);
      state[1] = f(beta2 * state[1] + (1 - beta2) * g * g);
      const mHat = state[0] / (1 - beta1 ** t);
      const vHat = state[1] / (1 - beta2 ** t);
      return w * (1 - learningRate * decay) - (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
    });
    expectParameters(run('adamw', { beta1, beta2, epsilon }).parameters, wanted);
  });

  it('rmsprop: scaled by the mean square', () => {
    const wanted = expected((w, g, decay, state) => {
      const gradient = g + decay * w;
      state[0] = f(0.9 * state[0] + 0.1 * gradient * gradient);
      return w - (learningRate * gradient) / (Math.sqrt(state[0]) + 1e-8);
    });
    expectParameters(run('rmsprop').parameters, wanted);
  });

  it('rejects an unknown name', () => {
    expect(() => createOptimizer('lamb' as never, [1])).toThrow(/Unknown optimizer 'lamb'/);
  });
});
