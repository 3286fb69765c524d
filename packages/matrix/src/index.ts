// Public entry point of @scratchnet/matrix: typed-array kernels and the seeded generator.

export { Matrix, createMatrix, matrixFrom, viewMatrix } from './matrix.js';
export type { DType, FloatArray } from './matrix.js';
export { gemm } from './gemm.js';
export type { GemmOptions } from './gemm.js';
export { addRowVector } from './add-row-vector.js';
export { softmaxRows, logSoftmaxRows } from './softmax.js';
export { sumOverRows, sumOverColumns, argmaxRows } from './reductions.js';
export type { IndexArray } from './reductions.js';
export { transpose } from './transpose.js';
export {
  reluForward,
  reluBackward,
  leakyReluForward,
  leakyReluBackward,
  sigmoidForward,
  sigmoidBackward,
  tanhForward,
  tanhBackward,
} from './activations.js';
export { scale, axpy, fill, copy } from './elementwise.js';
export { Random } from './random.js';
