// @scratchnet/mnist/node: everything in the universal entry plus file, gzip
// (node:zlib) and download sources for Node.

export * from './index.js';
export { readDecompressed, readIdxFile, writeIdxFile } from './node/idx-file.js';
export { loadEmbeddedMnist, loadMnist, loadMnistFiles } from './node/load-mnist.js';
export type { LoadMnistOptions } from './node/load-mnist.js';
export { findMnistFiles } from './node/directory-source.js';
export { candidateNames as mnistFileNames } from './node/file-names.js';
export { embeddedMnistPaths } from './node/embedded-source.js';
export { downloadMnistFiles } from './node/url-source.js';
export type { DownloadOptions, DownloadProgress } from './node/url-source.js';
export { sha256HexNode } from './node/sha256.js';
