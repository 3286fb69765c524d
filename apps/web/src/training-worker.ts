// The module worker that owns MNIST and all heavy work: training runs and test-set evaluation,
// so the page stays responsive. Messages are defined in training-protocol.ts.
import { fetchMnist, type MnistData } from '@scratchnet/mnist';
import { decodeModel } from '@scratchnet/model-format';
import { evaluate } from '@scratchnet/network';
import type { MnistUrls, WorkerRequest, WorkerResponse } from './training-protocol';
import { TrainingRun } from './training-run';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

let urls: MnistUrls | null = null;
let mnist: Promise<MnistData> | null = null;
let run: TrainingRun | null = null;
/** Set by a stop that arrives while a start still waits for MNIST, so that start is dropped. */
let startCancelled = false;

/** Fetches MNIST once, reporting progress; later calls share the same promise. */
function loadData(): Promise<MnistData> {
  if (mnist !== null) return mnist;
  if (urls === null) return Promise.reject(new Error('The worker received no MNIST URLs; send an "init" message first.'));
  post({ type: 'state', state: 'loading-data' });
  const loading = fetchMnist(urls, { onProgress: (loaded, total) => post({ type: 'data-progress', loaded, total }) });
  mnist = loading.then((data) => {
    post({ type: 'data-ready', trainCount: data.train.count, testCount: data.test.count });
    return data;
  });
  // A failed download may be retried by the next request.
  mnist.catch(() => {
    mnist = null;
  });
  return mnist;
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init':
      urls = request.urls;
      return;
    case 'start': {
      startCancelled = false;
      const data = await loadData();
      if (startCancelled) {
        post({ type: 'state', state: 'idle' });
        return;
      }
      run = new TrainingRun(request.config, data, post);
      try {
        await run.run();
      } finally {
        run = null;
      }
      return;
    }
    case 'pause':
      run?.pause();
      return;
    case 'resume':
      run?.resume();
      return;
    case 'stop':
      if (run === null) startCancelled = true;
      run?.stop();
      return;
    case 'evaluate':
      await evaluateModel(request.requestId, request.model, request.mistakeCount);
      return;
  }
}

async function evaluateModel(requestId: number, model: ArrayBuffer, mistakeCount: number): Promise<void> {
  const data = await loadData();
  const { network } = decodeModel(new Uint8Array(model));
  const evaluation = evaluate(network, data.test, { mistakes: mistakeCount });
  const mistakes = evaluation.mistakes.slice(0, mistakeCount);
  const pixelCount = data.test.pixelCount;
  const images = new Uint8Array(mistakes.length * pixelCount);
  mistakes.forEach((mistake, i) => images.set(data.test.image(mistake.index), i * pixelCount));
  post(
    {
      type: 'evaluation',
      requestId,
      accuracy: evaluation.accuracy,
      loss: evaluation.loss,
      confusion: evaluation.confusion,
      mistakes,
      mistakeImages: images.buffer,
    },
    [images.buffer],
  );
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error: unknown) => {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    post({ type: 'state', state: 'idle' });
  });
});
