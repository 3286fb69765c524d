// The host side of the WebAssembly engine: it owns the memory, copies parameters in and
// gradients out, writes the plan of each job and runs it on the thread pool.
//
// Letters: B = batch rows, I = inputs of a layer, O = outputs of a layer, W = O padded to 4.

import type { BatchDropout, BatchResult, GradientBuffers } from '../backend.js';
import type { LabeledImages } from '../labeled-images.js';
import type { Network } from '../network.js';
import { fillDropoutMasks } from './dropout-masks.js';
import { ENGINE_MAXIMUM_PAGES, SHARED_ENGINE_BASE64, UNSHARED_ENGINE_BASE64 } from './engine-wasm.generated.js';
import { layoutNetwork } from './engine-layout.js';
import type { NetworkLayout } from './engine-layout.js';
import {
  BLOCK_RESULT_BYTES,
  JOB_GRADIENTS,
  JOB_INFERENCE,
  LAYER_ACTIVATION,
  LAYER_ACTIVATIONS,
  LAYER_BIASES,
  LAYER_D_BIASES,
  LAYER_D_WEIGHTS,
  LAYER_INPUTS,
  LAYER_MASK,
  LAYER_OUTPUTS,
  LAYER_WEIGHTS,
  LAYER_WIDTH,
  LAYER_WORDS,
  PLAN_BLOCK_COUNT,
  PLAN_BLOCK_RESULTS,
  PLAN_BLOCK_ROWS,
  PLAN_COLUMNS,
  PLAN_D_SCRATCH,
  PLAN_GRADIENTS,
  PLAN_GRADIENT_STRIDE,
  PLAN_INDICES,
  PLAN_KIND,
  PLAN_LABELS,
  PLAN_LAYERS,
  PLAN_LAYER_COUNT,
  PLAN_LOSS_SCALE,
  PLAN_PREDICTIONS,
  PLAN_ROW_COUNT,
  PLAN_ROW_STARTS,
  PLAN_SCRATCH,
  PLAN_SCRATCH_STRIDE,
  PLAN_VALUES,
  planBytes,
} from './plan-layout.js';
import { createSparseImages, releaseSparseImages } from './sparse-images.js';
import type { SparseImages } from './sparse-images.js';
import { CONTROL_BYTES, ThreadPool, canBlock } from './thread-pool.js';
import type { EngineExports } from './thread-pool.js';
import { WasmMemory } from './wasm-memory.js';
import { webAssemblyApi } from './webassembly-api.js';

/** Data sets whose sparse copies stay in engine memory (training, validation, test, ...). */
const CACHED_DATA_SETS = 4;

/** Block numbers must fit the low 16 bits of the claim word, below its "closed" value. */
const MAXIMUM_BLOCKS = 0xffff;

/** A named, growable range of engine memory. */
interface Region {
  offset: number;
  bytes: number;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Returns whether threads can share engine memory here: SharedArrayBuffer and a blocking caller. */
export function sharedMemoryAvailable(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer !== 'undefined' && isolated !== false && canBlock();
}

let simdSupport: boolean | undefined;

/** Returns whether this WebAssembly implementation runs the engine (SIMD and atomics). */
export function wasmEngineSupported(): boolean {
  if (simdSupport === undefined) {
    simdSupport = webAssemblyApi()?.validate(decodeBase64(UNSHARED_ENGINE_BASE64)) ?? false;
  }
  return simdSupport;
}

/** The WebAssembly engine with its memory, threads and cached data sets. */
export class WasmEngine {
  private readonly memory: WasmMemory;
  private readonly exports: EngineExports;
  private readonly pool: ThreadPool;
  private readonly regions = new Map<string, Region>();
  private readonly dataSets: SparseImages[] = [];
  private layout: NetworkLayout | null = null;
  private layoutKey = '';

  private constructor(memory: WasmMemory, exports: EngineExports, pool: ThreadPool) {
    this.memory = memory;
    this.exports = exports;
    this.pool = pool;
  }

  /**
   * Compiles the engine and starts `threads − 1` workers. More than one thread needs shared
   * memory (see sharedMemoryAvailable); otherwise the engine runs on the calling thread.
   */
  static async create(threads: number): Promise<WasmEngine> {
    const shared = threads > 1 && sharedMemoryAvailable();
    const bytes = decodeBase64(shared ? SHARED_ENGINE_BASE64 : UNSHARED_ENGINE_BASE64);
    const api = webAssemblyApi();
    if (api === undefined) throw new Error('WebAssembly is not available here; use the js backend.');
    const module = await api.compile(bytes);
    const memory = new api.Memory({ initial: 16, maximum: ENGINE_MAXIMUM_PAGES, shared });
    const instance = await api.instantiate(module, { env: { memory } });
    const wasmMemory = new WasmMemory(memory, ENGINE_MAXIMUM_PAGES);
    const control = wasmMemory.allocate(CONTROL_BYTES);
    const exports = instance.exports as unknown as EngineExports;
    const pool = await ThreadPool.create(module, memory, control, exports, shared ? threads : 1);
    return new WasmEngine(wasmMemory, exports, pool);
  }

  /** Threads that run each job, the calling one included. */
  get threadCount(): number {
    return this.pool.threadCount;
  }

  /**
   * Overwrites `gradients` with the mean gradient of softmax cross-entropy over the batch rows
   * (`indices` of `data`, or all rows in order when null) and returns the summed loss and the
   * number of correct rows. With `dropout`, the hidden activations must be ReLU, leaky ReLU or
   * identity: the backward pass reads only the sign of the dropped activations.
   */
  computeGradients(
    network: Network,
    data: LabeledImages,
    indices: Uint32Array | null,
    gradients: GradientBuffers,
    dropout?: BatchDropout,
  ): BatchResult {
    const rows = indices === null ? data.count : indices.length;
    const plan = this.preparePlan(JOB_GRADIENTS, network, data, indices, rows, dropout);
    const layout = this.layout as NetworkLayout;
    this.pool.run(plan.offset, plan.blockCount);

    // Block results and gradient slots are summed in block order: the thread count cannot
    // change a single bit of the result.
    const results = this.region('results', plan.blockCount * BLOCK_RESULT_BYTES);
    const resultWords = new DataView(this.memory.memory.buffer, results.offset, plan.blockCount * BLOCK_RESULT_BYTES);
    let lossSum = 0;
    let correct = 0;
    for (let block = 0; block < plan.blockCount; block++) {
      lossSum += resultWords.getFloat64(block * BLOCK_RESULT_BYTES, true);
      correct += resultWords.getUint32(block * BLOCK_RESULT_BYTES + 8, true);
    }

    const sums = this.region('gradient-sum', layout.slotBytes);
    const slots = this.region('gradient-slots', plan.blockCount * layout.slotBytes);
    this.exports.sumSlots(sums.offset, slots.offset, layout.slotBytes, plan.blockCount, layout.slotBytes / 4);
    const staging = this.region('staging', Math.max(...layout.layers.map((layer) => layer.inputs * layer.width)) * 4);
    const buffer = this.memory.memory.buffer;
    const summed = new Float32Array(buffer, sums.offset, layout.slotBytes / 4);
    layout.layers.forEach((layer, index) => {
      // The engine keeps dWeights transposed, [I, W]; the network's layout is [O, I].
      this.exports.transpose(staging.offset, layer.inputs, sums.offset + layer.dWeightsOffset, layer.width, layer.inputs, layer.outputs);
      gradients.dWeights[index].set(new Float32Array(buffer, staging.offset, layer.outputs * layer.inputs));
      gradients.dBiases[index].set(summed.subarray(layer.dBiasesOffset / 4, layer.dBiasesOffset / 4 + layer.outputs));
    });
    return { lossSum, correct };
  }

  /** Writes the predicted class of each image of `data` into `out` [N] and returns it. */
  predict(out: Uint8Array, network: Network, data: Pick<LabeledImages, 'count' | 'pixelCount' | 'images'>): Uint8Array {
    const plan = this.preparePlan(JOB_INFERENCE, network, data, null, data.count);
    this.pool.run(plan.offset, plan.blockCount);
    const predictions = this.region('predictions', data.count);
    out.set(new Uint8Array(this.memory.memory.buffer, predictions.offset, data.count));
    return out;
  }

  /** Stops the workers; the engine cannot be used afterwards. */
  async dispose(): Promise<void> {
    await this.pool.terminate();
  }

  /** Copies the parameters in and writes the plan of one job; returns its offset and blocks. */
  private preparePlan(
    kind: number,
    network: Network,
    data: Pick<LabeledImages, 'count' | 'pixelCount' | 'images'> & { labels?: Uint8Array },
    indices: Uint32Array | null,
    rows: number,
    dropout?: BatchDropout,
  ): { offset: number; blockCount: number } {
    const sparse = this.sparseImagesOf(data);
    const layout = this.layoutFor(network, rows);
    const blockCount = Math.ceil(rows / layout.blockRows);
    if (blockCount >= MAXIMUM_BLOCKS) {
      throw new RangeError(`A batch of ${rows} rows needs ${blockCount} blocks; the wasm engine handles fewer than ${MAXIMUM_BLOCKS}. Use smaller batches.`);
    }
    const layerCount = layout.layers.length;

    // Regions are looked up before any view is made, because growing the memory detaches views.
    const plan = this.region('plan', planBytes(layerCount));
    const parameters = layout.layers.map((layer, index) => ({
      weights: this.region(`weights-${index}`, layer.inputs * layer.width * 4, true),
      biases: this.region(`biases-${index}`, layer.width * 4, true),
    }));
    const slots = this.region('gradient-slots', blockCount * layout.slotBytes);
    this.region('gradient-sum', layout.slotBytes);
    const results = this.region('results', blockCount * BLOCK_RESULT_BYTES);
    const scratch = this.region('scratch', this.pool.threadCount * layout.scratchBytes);
    const predictions = this.region('predictions', kind === JOB_INFERENCE ? rows : 1);
    const indexRegion = indices === null ? null : this.region('indices', rows * 4);
    const staging = this.region('staging', Math.max(...layout.layers.map((layer) => layer.inputs * layer.width)) * 4);
    const hidden = layout.layers.slice(0, -1);
    const useDropout = dropout !== undefined && dropout.rate > 0;
    const maskRegions = useDropout ? hidden.map((layer, index) => this.region(`mask-${index}`, rows * layer.width * 4)) : [];

    const buffer = this.memory.memory.buffer;
    network.layers.forEach((layer, index) => {
      // Weights [O, I] become [I, W]; the padding lanes keep the zeros written at allocation.
      new Float32Array(buffer, staging.offset, layer.weights.length).set(layer.weights);
      this.exports.transpose(parameters[index].weights.offset, layout.layers[index].width, staging.offset, layer.inputSize, layer.outputSize, layer.inputSize);
      new Float32Array(buffer, parameters[index].biases.offset, layer.outputSize).set(layer.biases);
    });
    if (indexRegion !== null) new Uint32Array(buffer, indexRegion.offset, rows).set(indices as Uint32Array);
    // Labels are copied on every batch (N bytes), so labels changed in place are never stale.
    if (data.labels !== undefined) new Uint8Array(buffer, sparse.labels, data.count).set(data.labels.subarray(0, data.count));

    if (useDropout) {
      const masks = hidden.map((layer, index) => new Float32Array(buffer, maskRegions[index].offset, rows * layer.width));
      const outputs = hidden.map((layer) => layer.outputs);
      const widths = hidden.map((layer) => layer.width);
      fillDropoutMasks(masks, outputs, widths, rows, dropout.rate, dropout.random);
    }

    const words = new Uint32Array(buffer, plan.offset, planBytes(layerCount) / 4);
    const floats = new Float32Array(buffer, plan.offset, planBytes(layerCount) / 4);
    words.fill(0);
    words[PLAN_KIND] = kind;
    words[PLAN_LAYER_COUNT] = layerCount;
    words[PLAN_BLOCK_ROWS] = layout.blockRows;
    words[PLAN_BLOCK_COUNT] = blockCount;
    words[PLAN_ROW_COUNT] = rows;
    words[PLAN_ROW_STARTS] = sparse.rowStarts;
    words[PLAN_COLUMNS] = sparse.columns;
    words[PLAN_VALUES] = sparse.values;
    words[PLAN_INDICES] = indexRegion === null ? 0 : indexRegion.offset;
    words[PLAN_LABELS] = sparse.labels;
    words[PLAN_BLOCK_RESULTS] = results.offset;
    words[PLAN_GRADIENTS] = slots.offset;
    words[PLAN_GRADIENT_STRIDE] = layout.slotBytes;
    words[PLAN_SCRATCH] = scratch.offset;
    words[PLAN_SCRATCH_STRIDE] = layout.scratchBytes;
    floats[PLAN_LOSS_SCALE] = 1 / rows;
    words[PLAN_PREDICTIONS] = predictions.offset;
    words[PLAN_D_SCRATCH] = layout.dScratchOffset;
    layout.layers.forEach((layer, index) => {
      const at = PLAN_LAYERS + index * LAYER_WORDS;
      words[at + LAYER_INPUTS] = layer.inputs;
      words[at + LAYER_OUTPUTS] = layer.outputs;
      words[at + LAYER_WIDTH] = layer.width;
      words[at + LAYER_ACTIVATION] = layer.activation;
      words[at + LAYER_WEIGHTS] = parameters[index].weights.offset;
      words[at + LAYER_BIASES] = parameters[index].biases.offset;
      words[at + LAYER_D_WEIGHTS] = layer.dWeightsOffset;
      words[at + LAYER_D_BIASES] = layer.dBiasesOffset;
      words[at + LAYER_ACTIVATIONS] = layer.activationsOffset;
      words[at + LAYER_MASK] = index < maskRegions.length ? maskRegions[index].offset : 0;
    });
    return { offset: plan.offset, blockCount };
  }

  private layoutFor(network: Network, rows: number): NetworkLayout {
    const key = `${network.layers.map((layer) => `${layer.inputSize}:${layer.outputSize}:${layer.activation}`).join(',')}/${rows}`;
    if (this.layout === null || key !== this.layoutKey) {
      const shapeChanged = this.layoutKey.split('/')[0] !== key.split('/')[0];
      if (shapeChanged) {
        // Other shapes need other parameter ranges; zeroed fresh ones keep the padding at 0.
        for (const name of [...this.regions.keys()]) {
          if (name.startsWith('weights-') || name.startsWith('biases-')) this.dropRegion(name);
        }
      }
      this.layout = layoutNetwork(network.layers, rows);
      this.layoutKey = key;
    }
    return this.layout;
  }

  /** Returns the region `name` with at least `bytes` bytes, reallocating it when too small. */
  private region(name: string, bytes: number, zeroed = false): Region {
    const existing = this.regions.get(name);
    if (existing !== undefined && existing.bytes >= bytes) return existing;
    if (existing !== undefined) this.memory.release(existing.offset);
    const region = { offset: this.memory.allocate(bytes), bytes };
    if (zeroed) new Uint8Array(this.memory.memory.buffer, region.offset, bytes).fill(0);
    this.regions.set(name, region);
    return region;
  }

  private dropRegion(name: string): void {
    const region = this.regions.get(name);
    if (region === undefined) return;
    this.memory.release(region.offset);
    this.regions.delete(name);
  }

  // NOTE: a data set is recognised by its images array and sizes. Pixels changed in place
  // after a batch leave a stale sparse copy in the cache.
  private sparseImagesOf(data: Pick<LabeledImages, 'count' | 'pixelCount' | 'images'>): SparseImages {
    const index = this.dataSets.findIndex(
      (entry) => entry.images === data.images && entry.count === data.count && entry.pixelCount === data.pixelCount,
    );
    if (index >= 0) {
      const [entry] = this.dataSets.splice(index, 1);
      this.dataSets.push(entry);
      return entry;
    }
    if (this.dataSets.length >= CACHED_DATA_SETS) releaseSparseImages(this.memory, this.dataSets.shift() as SparseImages);
    const entry = createSparseImages(this.memory, this.exports, data);
    this.dataSets.push(entry);
    return entry;
  }
}
