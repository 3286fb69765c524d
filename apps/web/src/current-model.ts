// The model every view uses: decoded from a .safetensors file, announced to subscribers when it
// changes (a file is loaded, training finishes, or the default is restored).
import { decodeModel, type ModelMetadata } from '@scratchnet/model-format';
import type { Network } from '@scratchnet/network';

/** Origin of the current model. */
export type ModelSource = 'default' | 'file' | 'trained' | 'stored';

export interface LoadedModel {
  /** File name shown to the user and used for downloads. */
  name: string;
  source: ModelSource;
  network: Network;
  metadata: ModelMetadata;
  /** The encoded .safetensors file, for download and IndexedDB. */
  bytes: Uint8Array;
}

/**
 * Decodes a model file. Throws the format's ModelFormatError for a file that is not a valid
 * scratchnet model, with a message that describes the problem.
 */
export function decodeModelFile(bytes: Uint8Array, name: string, source: ModelSource): LoadedModel {
  const { network, metadata } = decodeModel(bytes);
  return { name, source, network, metadata, bytes };
}

export class CurrentModel {
  private model: LoadedModel | null = null;
  private readonly listeners = new Set<(model: LoadedModel) => void>();

  /** The current model, or null before the first one has loaded. */
  get value(): LoadedModel | null {
    return this.model;
  }

  /** Makes `model` current and notifies every subscriber. */
  set(model: LoadedModel): void {
    this.model = model;
    for (const listener of this.listeners) listener(model);
  }

  /** Calls `listener` on every change, and at once when a model is already loaded. */
  subscribe(listener: (model: LoadedModel) => void): void {
    this.listeners.add(listener);
    if (this.model !== null) listener(this.model);
  }
}

/** Starts a browser download of `bytes` as `fileName`. */
export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes.slice().buffer], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click handler returns, so the URL can go soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
