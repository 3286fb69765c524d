// Trainer state in a checkpoint: the random generator state and every optimizer slot
// array become tensors (so the checksum covers them), and a JSON description in
// __metadata__ names them and carries the counters.

import type { Network, TrainerState } from '@scratchnet/network';
import { checkFinite } from './finite-check.js';
import { ModelFormatError } from './model-format-error.js';
import type { CheckpointMetadata } from './schema.js';
import type { TensorToWrite } from './safetensors-writer.js';
import { parameterTensors } from './tensor-names.js';

/** Name of the U32 tensor holding the trainer's random generator state. */
export const RANDOM_STATE_TENSOR = 'trainer.random_state';

/**
 * Returns the tensors and description of a trainer state. Slot arrays that match the
 * parameters [0.weight, 0.bias, 2.weight, ...] in count and lengths are named after them
 * with their shapes, as "optimizer.m.0.weight". Other slot arrays become "optimizer.m.3".
 */
export function encodeCheckpoint(
  state: TrainerState,
  network: Network,
): { tensors: TensorToWrite[]; metadata: CheckpointMetadata } {
  checkTrainerState(state);
  const parameters = parameterTensors(network.spec.sizes);
  const tensors: TensorToWrite[] = [
    {
      name: RANDOM_STATE_TENSOR,
      dtype: 'U32',
      shape: [state.randomState.length],
      values: state.randomState,
    },
  ];
  const slots: Record<string, string[]> = {};

  for (const [slot, arrays] of Object.entries(state.optimizer.slots)) {
    const matchesParameters =
      arrays.length === parameters.length &&
      arrays.every((array, i) => array.length === elementCount(parameters[i].shape));
    slots[slot] = arrays.map((values, i) => {
      const name = matchesParameters
        ? `optimizer.${slot}.${parameters[i].name}`
        : `optimizer.${slot}.${i}`;
      checkFinite(values, name, 'invalid-argument');
      tensors.push({
        name,
        dtype: 'F32',
        shape: matchesParameters ? parameters[i].shape : [values.length],
        values,
      });
      return name;
    });
  }

  const metadata: CheckpointMetadata = {
    step: state.step,
    epoch: state.epoch,
    randomStateTensor: RANDOM_STATE_TENSOR,
    optimizer: { name: state.optimizer.name, step: state.optimizer.step, slots },
  };
  return { tensors, metadata };
}

/** Rebuilds the trainer state from its description and the decoded tensors (looked up by name). */
export function decodeCheckpoint(
  metadata: CheckpointMetadata,
  valuesByName: ReadonlyMap<string, Float32Array | Uint32Array>,
): TrainerState {
  const slots: Record<string, Float32Array[]> = {};
  for (const [slot, names] of Object.entries(metadata.optimizer.slots)) {
    slots[slot] = names.map((name) => valuesByName.get(name) as Float32Array);
  }
  return {
    step: metadata.step,
    epoch: metadata.epoch,
    randomState: valuesByName.get(metadata.randomStateTensor) as Uint32Array,
    optimizer: { name: metadata.optimizer.name, step: metadata.optimizer.step, slots },
  };
}

function checkTrainerState(state: TrainerState): void {
  const problem = (what: string) =>
    new ModelFormatError('invalid-argument', `Cannot write the checkpoint: ${what}.`);
  if (!Number.isSafeInteger(state.step) || state.step < 0)
    throw problem(`step is ${state.step}, expected an integer >= 0`);
  if (!Number.isSafeInteger(state.epoch) || state.epoch < 0)
    throw problem(`epoch is ${state.epoch}, expected an integer >= 0`);
  if (!(state.randomState instanceof Uint32Array))
    throw problem('randomState must be a Uint32Array');
  if (typeof state.optimizer?.name !== 'string') throw problem('optimizer.name must be a string');
  if (!Number.isSafeInteger(state.optimizer.step) || state.optimizer.step < 0)
    throw problem(`optimizer.step is ${state.optimizer.step}, expected an integer >= 0`);
  for (const [slot, arrays] of Object.entries(state.optimizer.slots)) {
    if (!Array.isArray(arrays) || !arrays.every((array) => array instanceof Float32Array))
      throw problem(`optimizer slot ${JSON.stringify(slot)} must be an array of Float32Array`);
  }
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}
