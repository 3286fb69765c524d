import { describe, expect, it } from 'vitest';

import { learningRateAt, validateSchedule } from './schedule.js';

const progress = (step: number) => ({ step, stepsPerEpoch: 10, totalSteps: 100 });

describe('learningRateAt', () => {
  it('constant', () => {
    expect(learningRateAt({ type: 'constant' }, 0.1, progress(57))).toBe(0.1);
  });

  it('step decays by gamma every stepSize epochs', () => {
    const schedule = { type: 'step', stepSize: 2, gamma: 0.5 } as const;
    expect(learningRateAt(schedule, 0.1, progress(19))).toBe(0.1);
    expect(learningRateAt(schedule, 0.1, progress(20))).toBe(0.05);
    expect(learningRateAt(schedule, 0.1, progress(45))).toBe(0.025);
  });

  it('exponential decays by gamma every epoch', () => {
    const schedule = { type: 'exponential', gamma: 0.9 } as const;
    expect(learningRateAt(schedule, 0.1, progress(9))).toBe(0.1);
    expect(learningRateAt(schedule, 0.1, progress(30))).toBeCloseTo(0.1 * 0.9 ** 3, 15);
  });

  it('cosine anneals every step towards the minimum', () => {
    const schedule = { type: 'cosine', minLearningRate: 0.01 } as const;
    expect(learningRateAt(schedule, 0.1, progress(0))).toBe(0.1);
    expect(learningRateAt(schedule, 0.1, progress(50))).toBeCloseTo(0.055, 15);
    expect(learningRateAt(schedule, 0.1, progress(99))).toBeCloseTo(
      0.01 + 0.045 * (1 + Math.cos((Math.PI * 99) / 100)),
      15,
    );
    expect(learningRateAt({ type: 'cosine' }, 0.1, progress(75))).toBeCloseTo(
      0.05 * (1 + Math.cos(0.75 * Math.PI)),
      15,
    );
  });
});

describe('validateSchedule', () => {
  it('rejects invalid schedules with the field name', () => {
    expect(() => validateSchedule({ type: 'step', stepSize: 0, gamma: 0.5 })).toThrow(
      /schedule.stepSize/,
    );
    expect(() => validateSchedule({ type: 'exponential', gamma: 1.5 })).toThrow(
      /schedule.gamma: expected a number in \(0, 1\], got 1.5/,
    );
    expect(() => validateSchedule({ type: 'linear' } as never)).toThrow(/schedule.type "linear"/);
    expect(() => validateSchedule({ type: 'cosine', minLearningRate: -1 })).toThrow(
      /minLearningRate/,
    );
  });
});
