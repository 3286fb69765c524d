// The parts of the WebAssembly and Web Worker APIs that the engine uses. The package compiles
// against ES2022 without DOM types, so they are declared here and read from globalThis.

/** A WebAssembly.Memory. */
export interface WebAssemblyMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/** A compiled WebAssembly.Module, opaque to the host. */
export type WebAssemblyModule = object;

/** A WebAssembly.Instance. */
export interface WebAssemblyInstance {
  readonly exports: Record<string, unknown>;
}

interface WebAssemblyNamespace {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WebAssemblyMemory;
  compile(bytes: Uint8Array<ArrayBuffer>): Promise<WebAssemblyModule>;
  instantiate(module: WebAssemblyModule, imports: object): Promise<WebAssemblyInstance>;
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
}

/** A browser Web Worker. */
export interface BrowserWorker {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message: string }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

/** Returns the WebAssembly namespace, or undefined where the host has none. */
export function webAssemblyApi(): WebAssemblyNamespace | undefined {
  return (globalThis as unknown as { WebAssembly?: WebAssemblyNamespace }).WebAssembly;
}

/** Starts a Web Worker from a script URL (browsers only). */
export function createBrowserWorker(url: string): BrowserWorker {
  const constructor = (globalThis as unknown as { Worker?: new (url: string) => BrowserWorker }).Worker;
  if (constructor === undefined) throw new Error('Web Workers are not available here; use the wasm backend with threads: 1.');
  return new constructor(url);
}
