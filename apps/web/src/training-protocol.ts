// Messages between the page and the training worker. Every message is plain structured-clone
// data; model files travel as transferred ArrayBuffers.
import type { Activation, EpochRecord, StepRecord, TrainOptions } from '@scratchnet/network';

/** URLs of the four gzipped MNIST IDX files served with the app. */
export interface MnistUrls {
  trainImages: string;
  trainLabels: string;
  testImages: string;
  testLabels: string;
}

/** Training settings read from the form. */
export interface TrainingConfig {
  /** Name of the preset the other values started from (its initializer and extra options are used). */
  preset: string;
  /** Layer sizes, input first: [784, ..., 10]. */
  sizes: number[];
  activation: Activation;
  optimizer: TrainOptions['optimizer'];
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

export type WorkerRequest =
  | { type: 'init'; urls: MnistUrls }
  | { type: 'start'; config: TrainingConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'evaluate'; requestId: number; model: ArrayBuffer; mistakeCount: number };

/** State of the worker's training run. */
export type TrainingState = 'idle' | 'loading-data' | 'running' | 'pausing' | 'paused' | 'stopping' | 'evaluating';

/** One misclassified test digit. */
export interface Mistake {
  index: number;
  label: number;
  predicted: number;
  probability: number;
}

export type WorkerResponse =
  | { type: 'data-progress'; loaded: number; total: number }
  | { type: 'data-ready'; trainCount: number; testCount: number }
  | { type: 'state'; state: TrainingState }
  | {
      type: 'train-begin';
      totalSteps: number;
      stepsPerEpoch: number;
      /** Name of the training backend, e.g. 'wasm' or 'js'. */
      backend: string;
      /** Threads of the wasm backend (more than 1 only when the page is cross-origin isolated); null for others. */
      threads: number | null;
      trainCount: number;
      validationCount: number;
    }
  | { type: 'steps'; records: StepRecord[] }
  | { type: 'epoch'; record: EpochRecord }
  | {
      type: 'train-end';
      model: ArrayBuffer;
      testAccuracy: number;
      testLoss: number;
      steps: number;
      epochs: number;
      aborted: boolean;
    }
  | {
      type: 'evaluation';
      requestId: number;
      accuracy: number;
      loss: number;
      /** [true label][predicted label] counts. */
      confusion: number[][];
      mistakes: Mistake[];
      /** [mistakes.length, 784] pixels of the misclassified digits, 0..255. */
      mistakeImages: ArrayBuffer;
    }
  | { type: 'error'; message: string };
