// Fast training and inference paths: WebAssembly SIMD kernels over sparse byte images, on
// worker threads where memory can be shared.

export { createWasmBackend, wasmBackend, wasmSupportsNetwork } from './wasm-backend.js';
export type { WasmBackend, WasmBackendOptions } from './wasm-backend.js';
export { sharedMemoryAvailable, wasmEngineSupported } from './wasm-engine.js';
