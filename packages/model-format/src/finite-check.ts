// Weights with NaN or infinity make every prediction NaN (and such optimizer state
// poisons a resumed run), so neither the writer nor the reader lets them through.

import { ModelFormatError, type ModelFormatErrorCode } from './model-format-error.js';

/** Throws a ModelFormatError naming the tensor, index and value of the first non-finite element. */
export function checkFinite(
  values: Float32Array,
  tensorName: string,
  code: ModelFormatErrorCode,
): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new ModelFormatError(
        code,
        `Tensor ${JSON.stringify(tensorName)} contains ${values[i]} at element ${i}, but scratchnet tensors must be finite. Training diverged: retrain with a lower learning rate or use an earlier model file.`,
      );
    }
  }
}
