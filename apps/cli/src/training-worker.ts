// Worker-thread entry that runs one Trainer for the main thread (see training-job.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { Random } from '@scratchnet/matrix';
import { Network, Trainer } from '@scratchnet/network';
import type { TrainingJob, TrainingMessage } from './training-job.js';

const job = workerData as TrainingJob;

function post(message: TrainingMessage): void {
  parentPort?.postMessage(message);
}

try {
  const network = job.parameters
    ? Network.fromParameters(job.spec, job.parameters)
    : Network.create(job.spec, { initializer: job.initializer, random: new Random(job.options.seed) });
  const trainer = new Trainer(network, job.options);
  if (job.checkpoint) {
    trainer.restore(job.checkpoint);
  }

  // The flag is read after every step, so the trainer stops before starting the next one.
  const controller = new AbortController();
  const history = await trainer.train(job.train, {
    signal: controller.signal,
    onTrainBegin: ({ totalSteps, stepsPerEpoch, backend }) => post({ kind: 'begin', totalSteps, stepsPerEpoch, backend }),
    onStepEnd: (record) => {
      post({ kind: 'step', record });
      if (Atomics.load(job.interrupt, 0) !== 0) {
        controller.abort();
      }
    },
    onEpochEnd: (record) => post({ kind: 'epoch', record }),
  });

  const parameters = network.layers.map((layer) => ({ weights: layer.weights, biases: layer.biases }));
  post({ kind: 'done', history, parameters, state: trainer.state() });
} catch (error) {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  post({ kind: 'error', name, message, stack });
}
