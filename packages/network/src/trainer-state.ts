// The trainer's part of a checkpoint: everything but the network's weights.

import type { Optimizer } from './optimizers/optimizer.js';

/** Plain data that resumes a Trainer bit-exactly, given the same weights, data and options. */
export interface TrainerState {
  /** Steps completed. */
  step: number;
  /** Epochs completed. */
  epoch: number;
  /** State of the dropout generator (four words of xoshiro128**). Shuffles derive from the seed and epoch. */
  randomState: Uint32Array;
  optimizer: {
    name: string;
    /** Updates applied so far. */
    step: number;
    /** One Float32Array per parameter tensor (weights then biases of each layer) per slot name. */
    slots: Record<string, Float32Array[]>;
  };
}

/** Returns a deep copy of `state`. */
export function copyTrainerState(state: TrainerState): TrainerState {
  const slots: Record<string, Float32Array[]> = {};
  for (const [name, tensors] of Object.entries(state.optimizer.slots))
    slots[name] = tensors.map((tensor) => tensor.slice());
  return {
    step: state.step,
    epoch: state.epoch,
    randomState: state.randomState.slice(),
    optimizer: { name: state.optimizer.name, step: state.optimizer.step, slots },
  };
}

/** Throws unless `state` fits a trainer that uses `optimizer`: same optimizer, slot names and lengths. */
export function checkTrainerState(state: TrainerState, optimizer: Optimizer): void {
  const invalid = (what: string) =>
    new RangeError(
      `Cannot restore trainer state: ${what}. Restore only a state saved by a trainer with the same options and network sizes.`,
    );
  if (state === null || typeof state !== 'object')
    throw invalid(`expected an object, got ${String(state)}`);
  for (const field of ['step', 'epoch'] as const) {
    if (!Number.isSafeInteger(state[field]) || state[field] < 0)
      throw invalid(`${field} must be a non-negative integer, got ${String(state[field])}`);
  }
  if (!(state.randomState instanceof Uint32Array) || state.randomState.length !== 4) {
    throw invalid('randomState must be a Uint32Array of 4 words');
  }
  const saved = state.optimizer;
  if (saved?.name !== optimizer.name)
    throw invalid(
      `the state is for optimizer '${String(saved?.name)}' but this trainer uses '${optimizer.name}'`,
    );
  if (!Number.isSafeInteger(saved.step) || saved.step < 0)
    throw invalid(`optimizer.step must be a non-negative integer, got ${String(saved.step)}`);
  const expectedNames = Object.keys(optimizer.slots).sort().join(', ');
  const savedNames = Object.keys(saved.slots ?? {})
    .sort()
    .join(', ');
  if (expectedNames !== savedNames)
    throw invalid(`optimizer slots are [${savedNames}] but [${expectedNames}] are expected`);
  for (const [name, tensors] of Object.entries(optimizer.slots)) {
    const savedTensors = saved.slots[name];
    if (!Array.isArray(savedTensors) || savedTensors.length !== tensors.length) {
      throw invalid(`slot '${name}' must hold ${tensors.length} tensors`);
    }
    tensors.forEach((tensor, index) => {
      const savedTensor = savedTensors[index];
      if (!(savedTensor instanceof Float32Array) || savedTensor.length !== tensor.length) {
        throw invalid(
          `slot '${name}' tensor ${index} must be a Float32Array of ${tensor.length} values`,
        );
      }
    });
  }
}
