// Optimizer state storage.

/** Allocates one zeroed slot array per parameter tensor. */
export function zeroSlots(parameterLengths: readonly number[]): Float32Array[] {
  return parameterLengths.map((length) => new Float32Array(length));
}
