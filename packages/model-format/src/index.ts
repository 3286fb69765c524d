// @scratchnet/model-format: scratchnet models as safetensors files, checked on read.
// This entry is universal (Node and browsers); '@scratchnet/model-format/node' adds paths.

export { ModelFormatError, type ModelFormatErrorCode } from './model-format-error.js';
export {
  FORMAT_NAME,
  FORMAT_VERSION,
  METADATA_KEYS,
  MNIST_PREPROCESSING,
  type Architecture,
  type CheckpointMetadata,
  type ModelMetadata,
  type Preprocessing,
  type TrainingMetrics,
  type TrainingRecord,
} from './schema.js';
export { encodeModel, type EncodeModelOptions } from './model-encoder.js';
export {
  decodeModel,
  readModelHeader,
  type DecodedModel,
  type ModelHeader,
  type TensorSummary,
} from './model-decoder.js';
export { RANDOM_STATE_TENSOR } from './checkpoint.js';
export { biasTensorName, weightTensorName } from './tensor-names.js';

// The generic safetensors codec underneath, for files that are not scratchnet models.
export { DTYPE_BYTE_SIZES, isSafetensorsDType, type SafetensorsDType } from './dtypes.js';
export { DTYPE_ARRAYS, type TensorArray } from './tensor-bytes.js';
export {
  HEADER_LENGTH_BYTES,
  MAX_HEADER_BYTE_LENGTH,
  METADATA_KEY,
  parseHeader,
  readHeaderByteLength,
  type HeaderReadOptions,
  type SafetensorsHeader,
  type TensorInfo,
} from './safetensors-header.js';
export {
  decodeSafetensors,
  readSafetensorsHeader,
  tensorValues,
  type SafetensorsFile,
  type SafetensorsTensor,
} from './safetensors-reader.js';
export { encodeSafetensors, type TensorToWrite } from './safetensors-writer.js';
export { sha256Hex } from './sha256.js';
