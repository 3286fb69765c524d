// @scratchnet/mnist: IDX codec, MNIST-layout datasets and MNIST-style digit
// preprocessing. This entry uses only web-standard APIs, so it runs in browsers;
// `@scratchnet/mnist/node` adds files, gzip through node:zlib and downloads.

export { decodeIdx, encodeIdx } from './idx-codec.js';
export type { IdxData, IdxTensor, IdxType } from './idx-codec.js';
export { describeContent, isGzip, looksLikeIdx } from './content-sniff.js';
export { DatasetError, IdxFormatError } from './errors.js';
export { Dataset } from './dataset.js';
export type { DatasetInit, RandomSource } from './dataset.js';
export { datasetFromIdx } from './dataset-from-idx.js';
export type { DatasetFromIdxOptions } from './dataset-from-idx.js';
export { assembleMnist, MNIST_FILE_KEYS } from './mnist-data.js';
export type { MnistData, MnistFileKey, MnistOptions, NamedBytes } from './mnist-data.js';
export { fetchMnist, mnistFromBuffers } from './browser-sources.js';
export type {
  FetchMnistOptions,
  MnistBuffers,
  MnistFromBuffersOptions,
} from './browser-sources.js';
export { gunzip, gunzipIfNeeded, sha256Hex } from './web-platform.js';
export { preprocessDigit } from './preprocess-digit.js';
export type { PreprocessDigitOptions, PreprocessedDigit } from './preprocess-digit.js';
export type { RasterImage } from './raster-image.js';
