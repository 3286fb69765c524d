// Learning-rate schedules: the learning rate used by each optimizer step.

/**
 * Rule that changes the learning rate during training.
 * - constant: always the base learning rate.
 * - step: multiplied by gamma after every `stepSize` epochs.
 * - exponential: multiplied by gamma after every epoch.
 * - cosine: annealed every step along half a cosine, from the base rate at the first step
 *   towards minLearningRate (default 0), which the step after the last would reach (as
 *   PyTorch's CosineAnnealingLR with T_max = total steps).
 * In full-batch training an epoch is one step.
 */
export type LearningRateSchedule =
  | { type: 'constant' }
  | { type: 'step'; stepSize: number; gamma: number }
  | { type: 'exponential'; gamma: number }
  | { type: 'cosine'; minLearningRate?: number };

/** Position of a step in the run. */
export interface ScheduleProgress {
  /** Steps completed before this one (0 for the first step). */
  step: number;
  /** Steps per epoch. */
  stepsPerEpoch: number;
  /** Steps of the whole run. */
  totalSteps: number;
}

/** Returns the learning rate for the step described by `progress`. */
export function learningRateAt(
  schedule: LearningRateSchedule,
  baseLearningRate: number,
  progress: ScheduleProgress,
): number {
  const epoch = Math.floor(progress.step / progress.stepsPerEpoch);
  switch (schedule.type) {
    case 'constant':
      return baseLearningRate;
    case 'step':
      return baseLearningRate * schedule.gamma ** Math.floor(epoch / schedule.stepSize);
    case 'exponential':
      return baseLearningRate * schedule.gamma ** epoch;
    case 'cosine': {
      const minimum = schedule.minLearningRate ?? 0;
      const fraction = progress.step / progress.totalSteps;
      return minimum + ((baseLearningRate - minimum) * (1 + Math.cos(Math.PI * fraction))) / 2;
    }
  }
}

/** Throws unless `schedule` is a valid schedule; `name` prefixes the message. */
export function validateSchedule(schedule: LearningRateSchedule, name = 'schedule'): void {
  const type = (schedule as { type?: unknown })?.type;
  switch (type) {
    case 'constant':
      return;
    case 'step': {
      const { stepSize, gamma } = schedule as { stepSize: number; gamma: number };
      if (!Number.isSafeInteger(stepSize) || stepSize < 1) {
        throw new RangeError(
          `Invalid ${name}.stepSize: expected a positive whole number of epochs, got ${String(stepSize)}.`,
        );
      }
      checkGamma(gamma, name);
      return;
    }
    case 'exponential':
      checkGamma((schedule as { gamma: number }).gamma, name);
      return;
    case 'cosine': {
      const minimum = (schedule as { minLearningRate?: number }).minLearningRate;
      if (minimum !== undefined && !(Number.isFinite(minimum) && minimum >= 0)) {
        throw new RangeError(
          `Invalid ${name}.minLearningRate: expected a finite number >= 0, got ${String(minimum)}.`,
        );
      }
      return;
    }
    default:
      throw new RangeError(
        `Invalid ${name}.type ${JSON.stringify(type)}: expected 'constant', 'step', 'exponential' or 'cosine'.`,
      );
  }
}

function checkGamma(gamma: unknown, name: string): void {
  if (typeof gamma !== 'number' || !(gamma > 0 && gamma <= 1)) {
    throw new RangeError(
      `Invalid ${name}.gamma: expected a number in (0, 1], got ${String(gamma)}.`,
    );
  }
}
