// @scratchnet/model-format: scratchnet models as safetensors files, checked on read.
// This entry is universal (Node and browsers); '@scratchnet/model-format/node' adds paths.

export { ModelFormatError, type ModelFormatErrorCode } from './model-format-error.js';
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
