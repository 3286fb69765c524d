// Weights with NaN or infinity make every prediction NaN, so neither the writer nor the
// reader lets them through.

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
        `Tensor ${JSON.stringify(tensorName)} contains ${values[i]} at element ${i}; model weights must be finite numbers. Retrain with a lower learning rate or restore an earlier model.`,
      );
    }
  }
}
