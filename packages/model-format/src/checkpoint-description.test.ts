// The checkpoint description in __metadata__ and the tensors it names are checked like
// the rest of the header.
import { describe, expect, test } from 'vitest';
import { decodeModel } from './model-decoder.js';
import type { ModelFormatError, ModelFormatErrorCode } from './model-format-error.js';
import { expectFormatError } from './test-errors.js';
import { buildModelFile, validModelParts, type TestModelParts } from './test-model-files.js';

function checkpointParts(description: unknown, randomStateShape = [4]): TestModelParts {
  const parts = validModelParts([4, 3, 2]);
  parts.tensors.push(
    {
      name: 'trainer.random_state',
      dtype: 'U32',
      shape: randomStateShape,
      values: new Uint32Array(4),
    },
    {
      name: 'optimizer.velocity.0',
      dtype: 'F32',
      shape: [2],
      values: Float32Array.from([0.5, -0]),
    },
  );
  parts.metadata.scratchnet_checkpoint =
    typeof description === 'string' ? description : JSON.stringify(description);
  return parts;
}

const validDescription = {
  step: 4,
  epoch: 1,
  randomStateTensor: 'trainer.random_state',
  optimizer: { name: 'momentum', step: 4, slots: { velocity: ['optimizer.velocity.0'] } },
};

function expectCode(parts: TestModelParts, code: ModelFormatErrorCode): ModelFormatError {
  return expectFormatError(() => decodeModel(buildModelFile(parts)), code);
}

describe('checkpoint description', () => {
  test('accepts the valid base case', () => {
    const { checkpoint } = decodeModel(buildModelFile(checkpointParts(validDescription)));
    expect(checkpoint).toEqual({
      step: 4,
      epoch: 1,
      randomState: new Uint32Array(4),
      optimizer: { name: 'momentum', step: 4, slots: { velocity: [Float32Array.from([0.5, -0])] } },
    });
  });

  test('description not valid JSON', () => {
    expectCode(checkpointParts('{"step":'), 'invalid-checkpoint');
  });

  test('description missing a field', () => {
    const { randomStateTensor: _, ...withoutRandomState } = validDescription;
    expect(expectCode(checkpointParts(withoutRandomState), 'invalid-checkpoint').message).toContain(
      'scratchnet_checkpoint.randomStateTensor is missing',
    );
  });

  test('counter that is not an integer', () => {
    expectCode(checkpointParts({ ...validDescription, step: -1 }), 'invalid-checkpoint');
  });

  test('slot naming a missing tensor', () => {
    const description = {
      ...validDescription,
      optimizer: { ...validDescription.optimizer, slots: { velocity: ['optimizer.velocity.9'] } },
    };
    expect(expectCode(checkpointParts(description), 'missing-tensor').message).toContain(
      '"optimizer.velocity.9"',
    );
  });

  test('tensor named twice', () => {
    const description = {
      ...validDescription,
      optimizer: {
        ...validDescription.optimizer,
        slots: { a: ['optimizer.velocity.0'], b: ['optimizer.velocity.0'] },
      },
    };
    expectCode(checkpointParts(description), 'invalid-checkpoint');
  });

  test('random state not one-dimensional', () => {
    expectCode(checkpointParts(validDescription, [2, 2]), 'invalid-checkpoint');
  });

  test('checkpoint tensors without a description', () => {
    const parts = checkpointParts(validDescription);
    delete parts.metadata.scratchnet_checkpoint;
    expectCode(parts, 'unexpected-tensor');
  });
});
