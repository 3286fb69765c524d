// The page's side of the training worker: starts it, forwards its messages to listeners, and turns
// evaluation requests into promises.
import type { Mistake, MnistUrls, TrainingConfig, WorkerRequest, WorkerResponse } from './training-protocol';

/** Result of evaluating a model on the MNIST test set. */
export interface TestEvaluation {
  accuracy: number;
  loss: number;
  confusion: number[][];
  mistakes: Mistake[];
  /** [mistakes.length, 784] pixels, 0..255. */
  mistakeImages: Uint8Array;
}

export class TrainingClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<(message: WorkerResponse) => void>();
  private readonly evaluations = new Map<number, { resolve(value: TestEvaluation): void; reject(error: Error): void }>();
  private nextRequestId = 1;

  constructor(urls: MnistUrls) {
    this.worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'scratchnet-training' });
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.dispatch(event.data));
    this.worker.addEventListener('error', (event) => {
      this.dispatch({ type: 'error', message: `The training worker failed: ${event.message || 'it could not be loaded'}` });
    });
    this.send({ type: 'init', urls });
  }

  /** Calls `listener` with every message from the worker. */
  subscribe(listener: (message: WorkerResponse) => void): void {
    this.listeners.add(listener);
  }

  start(config: TrainingConfig): void {
    this.send({ type: 'start', config });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  /** Evaluates the model file `bytes` on the test set, listing up to `mistakeCount` mistakes. */
  evaluate(bytes: Uint8Array, mistakeCount: number): Promise<TestEvaluation> {
    const requestId = this.nextRequestId++;
    const model = bytes.slice().buffer;
    return new Promise((resolve, reject) => {
      this.evaluations.set(requestId, { resolve, reject });
      this.send({ type: 'evaluate', requestId, model, mistakeCount }, [model]);
    });
  }

  private send(request: WorkerRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private dispatch(message: WorkerResponse): void {
    if (message.type === 'evaluation') {
      const pending = this.evaluations.get(message.requestId);
      this.evaluations.delete(message.requestId);
      pending?.resolve({ ...message, mistakeImages: new Uint8Array(message.mistakeImages) });
    } else if (message.type === 'error') {
      // An error while evaluating fails every evaluation still waiting; training listeners see it too.
      for (const pending of this.evaluations.values()) pending.reject(new Error(message.message));
      this.evaluations.clear();
    }
    for (const listener of this.listeners) listener(message);
  }
}
