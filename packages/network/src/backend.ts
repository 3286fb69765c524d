// The pluggable computation of one batch's loss and gradients. The trainer applies weight decay,
// clipping and the optimizer itself; a backend only runs forward and backward. The plain
// TypeScript backend ('js') is always available and is the reference that faster ones match.

import type { Random } from '@scratchnet/matrix';

import { wasmBackend } from './fast/wasm-backend.js';
import { jsBackend } from './js-backend.js';
import type { LabeledImages } from './labeled-images.js';
import type { LossName } from './loss.js';
import type { Network } from './network.js';
import type { TrainOptions } from './train-options.js';

/** Gradients with the shapes of the network's layers: dWeights[l] [O, I], dBiases[l] [O]. */
export interface GradientBuffers {
  dWeights: Float32Array[];
  dBiases: Float32Array[];
}

/** Loss and correct count of one batch, as a backend reports them. */
export interface BatchResult {
  /** Loss summed over the rows of the batch (not averaged). */
  lossSum: number;
  /** Rows whose largest logit is at the label. */
  correct: number;
}

/** Dropout applied during one batch. */
export interface BatchDropout {
  /** Probability of dropping a hidden unit, in (0, 1). */
  rate: number;
  /**
   * Generator of the masks. The 'js' backend draws one next() per hidden activation, layer by
   * layer and row-major within each tile, and drops a unit when the draw is below `rate`.
   */
  random: Random;
}

/** A way to compute the loss and the gradients of a batch. */
export interface TrainingBackend {
  /** Short name reported to callbacks, e.g. 'js' or 'wasm-simd'. */
  readonly name: string;
  /** Returns whether this backend can train `network` with `options`. */
  supports(network: Network, options: TrainOptions): boolean;
  /**
   * Overwrites `gradients` with the gradient of the mean loss over the batch rows and returns
   * the summed loss and the number of correct rows. `indices` lists the rows of `data` in the
   * batch; null means all rows in order. `loss` defaults to 'cross-entropy', and a backend that
   * supports only that loss must return false from supports() for any other.
   */
  computeGradients(
    network: Network,
    data: LabeledImages,
    indices: Uint32Array | null,
    gradients: GradientBuffers,
    dropout?: BatchDropout,
    loss?: LossName,
  ): BatchResult | Promise<BatchResult>;
  /** Releases the backend's resources (workers, memory). */
  dispose?(): void | Promise<void>;
}

interface RegisteredBackend {
  backend: TrainingBackend;
  priority: number;
}

// The 'js' backend sits at priority 0, so any registered fast path with a higher priority is
// preferred by 'auto' whenever it supports the network. The WebAssembly SIMD backend is built in
// at priority 10; its supports() is false where WebAssembly SIMD is missing, so 'auto' then
// falls back to 'js'.
const registry: RegisteredBackend[] = [
  { backend: wasmBackend, priority: 10 },
  { backend: jsBackend, priority: 0 },
];

/**
 * Registers a backend under its name (replacing one of the same name). 'auto' picks the
 * highest-priority backend whose supports() returns true; the 'js' backend has priority 0.
 */
export function registerBackend(backend: TrainingBackend, priority: number): void {
  if (typeof backend?.name !== 'string' || backend.name === '' || backend.name === 'auto') {
    throw new TypeError(
      `registerBackend: a backend needs a non-empty name other than 'auto', got ${String(backend?.name)}.`,
    );
  }
  if (!Number.isFinite(priority)) {
    throw new RangeError(`registerBackend: priority must be a finite number, got ${priority}.`);
  }
  unregisterBackend(backend.name);
  registry.push({ backend, priority });
  // Stable sort: among equal priorities the earlier registration wins.
  registry.sort((left, right) => right.priority - left.priority);
}

/** Removes the backend registered under `name` and returns whether there was one. 'js' stays. */
export function unregisterBackend(name: string): boolean {
  if (name === jsBackend.name) return false;
  const index = registry.findIndex((entry) => entry.backend.name === name);
  if (index < 0) return false;
  registry.splice(index, 1);
  return true;
}

/** Returns the names of the registered backends, highest priority first. */
export function listBackends(): string[] {
  return registry.map((entry) => entry.backend.name);
}

/**
 * Returns the backend that `choice` names ('auto', 'js' or a registered name) for training
 * `network` with `options`. Throws when the name is unknown or the backend cannot train it.
 */
export function selectBackend(
  choice: string,
  network: Network,
  options: TrainOptions,
): TrainingBackend {
  if (choice === 'auto') {
    const entry = registry.find((candidate) => candidate.backend.supports(network, options));
    return entry === undefined ? jsBackend : entry.backend;
  }
  const entry = registry.find((candidate) => candidate.backend.name === choice);
  if (entry === undefined) {
    throw new RangeError(
      `Unknown training backend '${choice}'. Registered backends: ${listBackends().join(', ')}, or 'auto'.`,
    );
  }
  if (!entry.backend.supports(network, options)) {
    throw new RangeError(
      `Training backend '${choice}' does not support this network or these options ` +
        `(sizes [${network.spec.sizes.join(', ')}], activation ${network.spec.activation}, ` +
        `loss ${options.loss ?? 'cross-entropy'}). Use backend 'auto' or 'js'.`,
    );
  }
  return entry.backend;
}
