// The 'wasm' training backend: WebAssembly SIMD kernels over sparse byte images, run on
// worker threads where memory can be shared. Its gradients match the 'js' backend to float32
// rounding, and the same seed gives bit-identical weights whatever the thread count.

import type { BatchDropout, BatchResult, GradientBuffers, TrainingBackend } from '../backend.js';
import { jsBackend } from '../js-backend.js';
import type { LabeledImages } from '../labeled-images.js';
import type { LossName } from '../loss.js';
import type { Network } from '../network.js';
import type { TrainOptions } from '../train-options.js';
import { ACTIVATION_CODES } from './plan-layout.js';
import { MAXIMUM_SPARSE_PIXELS } from './sparse-images.js';
import { hardwareThreads } from './thread-pool.js';
import { WasmEngine, sharedMemoryAvailable, wasmEngineSupported } from './wasm-engine.js';

/** Upper bound of the default thread count; more threads rarely pay for batches of MNIST size. */
const MAXIMUM_DEFAULT_THREADS = 8;

/** Settings of a wasm backend. */
export interface WasmBackendOptions {
  /**
   * Threads per batch, the calling one included. Default: the hardware threads (at most 8)
   * where SharedArrayBuffer is available and the caller may block, else 1.
   */
  threads?: number;
}

/** The wasm backend, with inference on the same engine. */
export interface WasmBackend extends TrainingBackend {
  /** Writes the predicted class of each image of `data` into `out` [N] (allocated when omitted). */
  predict(network: Network, data: Pick<LabeledImages, 'count' | 'pixelCount' | 'images'>, out?: Uint8Array): Promise<Uint8Array>;
  /** Threads of the running engine, or undefined before its first batch. */
  readonly threadCount: number | undefined;
}

/** Returns whether the wasm engine can run `network`, whatever the options. */
export function wasmSupportsNetwork(network: Network): boolean {
  return (
    wasmEngineSupported() &&
    network.layers.length > 0 &&
    network.layers[0].inputSize <= MAXIMUM_SPARSE_PIXELS &&
    network.layers[network.layers.length - 1].outputSize <= 256 &&
    network.layers.every((layer) => ACTIVATION_CODES[layer.activation] !== undefined)
  );
}

// The engine differentiates through dropout from the dropped activations. The derivatives of
// these activations need only their sign, but sigmoid and tanh would need the undropped values.
const DROPOUT_ACTIVATIONS: ReadonlySet<string> = new Set(['relu', 'leaky-relu', 'identity']);

function supportsDropout(network: Network): boolean {
  return network.layers.slice(0, -1).every((layer) => DROPOUT_ACTIVATIONS.has(layer.activation));
}

/** Creates a wasm backend with its own engine, started at the first batch. */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new RangeError(`createWasmBackend: threads must be a positive integer, got ${String(options.threads)}.`);
  }
  let engine: WasmEngine | null = null;
  let starting: Promise<WasmEngine> | null = null;

  const start = (): Promise<WasmEngine> => {
    starting ??= (async () => {
      const threads = options.threads ?? (sharedMemoryAvailable() ? Math.min(MAXIMUM_DEFAULT_THREADS, await hardwareThreads()) : 1);
      engine = await WasmEngine.create(threads);
      return engine;
    })();
    return starting;
  };

  return {
    name: 'wasm',

    get threadCount(): number | undefined {
      return engine?.threadCount;
    },

    supports(network: Network, trainOptions: TrainOptions): boolean {
      const dropout = (trainOptions.dropout ?? 0) > 0;
      return (trainOptions.loss ?? 'cross-entropy') === 'cross-entropy' && wasmSupportsNetwork(network) && (!dropout || supportsDropout(network));
    },

    computeGradients(
      network: Network,
      data: LabeledImages,
      indices: Uint32Array | null,
      gradients: GradientBuffers,
      dropout?: BatchDropout,
      loss: LossName = 'cross-entropy',
    ): BatchResult | Promise<BatchResult> {
      // Other losses, and dropout with sigmoid or tanh, have no kernels here; the reference
      // backend computes them.
      const dropped = dropout !== undefined && dropout.rate > 0;
      if (loss !== 'cross-entropy' || !wasmSupportsNetwork(network) || (dropped && !supportsDropout(network))) {
        return jsBackend.computeGradients(network, data, indices, gradients, dropout, loss);
      }
      if (engine !== null) return engine.computeGradients(network, data, indices, gradients, dropout);
      return start().then((started) => started.computeGradients(network, data, indices, gradients, dropout));
    },

    async predict(network, data, out = new Uint8Array(data.count)): Promise<Uint8Array> {
      if (!wasmSupportsNetwork(network)) {
        throw new RangeError(
          `The wasm backend cannot run this network (sizes ${network.layers.map((layer) => layer.inputSize).join('-')}-` +
            `${network.layers[network.layers.length - 1]?.outputSize}). Use Network.predict instead.`,
        );
      }
      if (out.length < data.count) {
        throw new RangeError(`predict: out has room for ${out.length} predictions but data has ${data.count} images. Pass a Uint8Array of at least ${data.count}.`);
      }
      return (await start()).predict(out, network, data);
    },

    async dispose(): Promise<void> {
      const running = starting;
      starting = null;
      engine = null;
      if (running !== null) await (await running).dispose();
    },
  };
}

/** The default wasm backend, registered with a priority above 'js'. */
// The annotation lets bundlers drop the engine from code that never trains (an inference-only page).
export const wasmBackend: WasmBackend = /* @__PURE__ */ createWasmBackend();
