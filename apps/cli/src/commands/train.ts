// `scratchnet train`: trains a network on MNIST, evaluates it on the test set and saves it.
// Ctrl-C stops after the current step and saves a checkpoint that `--resume` continues.

import { rm } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Dataset, MnistData } from '@scratchnet/mnist';
import { Network, evaluate, validationRowCount } from '@scratchnet/network';
import type { LayerParameters, TrainerState } from '@scratchnet/network';
import type { TrainingRecord } from '@scratchnet/model-format';
import { saveModel } from '@scratchnet/model-format/node';
import { CliError, EXIT_INTERRUPTED, EXIT_USAGE, errorMessage } from '../cli-error.js';
import { displayPath } from '../display-path.js';
import { loadMnistSource } from '../mnist-source.js';
import { loadModelFile } from '../model-file.js';
import { Output } from '../output.js';
import { checkWritableModelPath } from '../output-path.js';
import { shellQuote } from '../shell-quote.js';
import { CHECKPOINT_SUFFIX, checkpointPathFor, defaultModelPath, formatTrainConfig, resolveTrainConfig, splitStoredOptions } from '../train-config.js';
import type { TrainCommandOptions, TrainConfig } from '../train-config.js';
import { formatDuration, formatPercent } from '../text-format.js';
import { TrainingWorker } from '../training-job.js';
import type { TrainingJobInput, TrainingResult } from '../training-job.js';
import { TrainingProgress } from '../training-progress.js';
import { VERSION } from '../version.js';

/** Runs `scratchnet train` and returns the exit code. */
export async function runTrain(options: TrainCommandOptions): Promise<number> {
  const startTime = performance.now();
  const output = new Output(options);

  // Configuration: printed once, before anything slow happens.
  const resumed = options.resume === undefined ? undefined : await loadCheckpoint(options.resume, options);
  const config = resumed?.config ?? resolveTrainConfig(options);
  output.info(formatTrainConfig(config, options.resume));
  output.record({ type: 'config', ...configRecord(config), resume: options.resume ?? null });
  if (options.out === '') {
    throw new CliError('--out is empty; pass a model file path such as model.safetensors');
  }
  await checkWritableModelPath(config.out, '--out');
  await checkWritableModelPath(checkpointPathFor(config.out), 'checkpoint');

  // Data.
  const mnist = await loadMnistSource(config.data, { quiet: options.quiet });
  const trainSet = selectTrainingImages(mnist, config.limit);
  checkLayerSizes(config, mnist);
  const validationCount = checkValidationSplit(config, trainSet.count);
  const trainCount = trainSet.count - validationCount;
  const validationText = validationCount > 0 ? ` (${validationCount} more held out for validation)` : '';
  output.info(`data: ${trainCount} training images${validationText} (${mnist.name}), ${mnist.test.count} test images, sha256 ${mnist.sha256.slice(0, 16)}…`);
  output.record({ type: 'data', name: mnist.name, sha256: mnist.sha256, trainCount, validationCount, testCount: mnist.test.count });

  // Training in a worker thread, stopped cleanly by the first Ctrl-C.
  const progress = new TrainingProgress(output, { logEvery: options.logEvery, totalEpochs: config.options.epochs });
  if (resumed) {
    output.info(`resuming at step ${resumed.checkpoint.step}`);
  }
  const trainStart = performance.now();
  const result = await trainUntilDoneOrInterrupted(
    {
      spec: config.spec,
      initializer: config.initializer,
      options: config.options,
      train: { count: trainSet.count, pixelCount: trainSet.pixelCount, images: trainSet.images, labels: trainSet.labels },
      parameters: resumed?.parameters,
      checkpoint: resumed?.checkpoint,
    },
    progress,
  );
  const { history, state } = result;
  const network = Network.fromParameters(config.spec, result.parameters);
  // The model records the training time of every part of a resumed run; the summary shows this run's.
  const runTrainMilliseconds = performance.now() - trainStart;
  const trainMilliseconds = runTrainMilliseconds + (resumed?.milliseconds ?? 0);
  const step = state.step;
  const lastStep = history.steps.at(-1);
  const training: TrainingRecord = {
    preset: config.preset,
    options: { ...config.options, initializer: config.initializer, data: config.data, limit: config.limit },
    seed: config.options.seed,
    steps: step,
    epochs: state.epoch,
    metrics: { trainLoss: lastStep?.loss, trainAccuracy: lastStep?.accuracy },
    dataset: { name: mnist.name, sha256: mnist.sha256 },
    scratchnetVersion: VERSION,
    date: new Date().toISOString(),
    milliseconds: Math.round(trainMilliseconds),
    backend: progress.backend,
  };

  // Interrupted: save a checkpoint next to the model and print the command that resumes it.
  if (history.aborted) {
    const checkpointPath = checkpointPathFor(config.out);
    await saveModelFile(checkpointPath, network, { training, classLabels: mnist.train.classNames, checkpoint: state });
    const resumeCommand = `${invocation()} train --resume ${shellQuote(displayPath(checkpointPath))} --out ${shellQuote(displayPath(config.out))}`;
    output.result(`stopped at step ${step} of ${progress.totalSteps}; checkpoint saved to ${displayPath(checkpointPath)}`);
    output.result(`resume with: ${resumeCommand}`);
    output.record({ type: 'interrupted', step, totalSteps: progress.totalSteps, checkpoint: checkpointPath, resumeCommand });
    return EXIT_INTERRUPTED;
  }

  // Test set, then the model file.
  const evaluation = evaluate(network, mnist.test);
  training.metrics = { ...training.metrics, testAccuracy: evaluation.accuracy, testLoss: evaluation.loss };
  await saveModelFile(config.out, network, { training, classLabels: mnist.train.classNames });
  // The run is complete, so the checkpoint it continued is spent; the model replaces it.
  const removedCheckpoint = options.resume !== undefined && resolve(options.resume) !== config.out ? await removeCheckpoint(options.resume) : undefined;
  const totalMilliseconds = performance.now() - startTime;

  if (history.stoppedEarly) {
    output.result(`early stopping after epoch ${history.epochs.at(-1)?.epoch} (best epoch ${history.bestEpoch})`);
  }
  output.result(`test accuracy ${formatPercent(evaluation.accuracy)}  test loss ${evaluation.loss.toFixed(4)}  (${mnist.test.count} images)`);
  output.result(`model saved to ${displayPath(config.out)}`);
  if (removedCheckpoint !== undefined) {
    output.result(`checkpoint ${displayPath(removedCheckpoint)} removed (the model includes its training)`);
  }
  const earlierTraining = resumed ? `; ${formatDuration(trainMilliseconds)} with the interrupted run` : '';
  output.result(`total time ${formatDuration(totalMilliseconds)} (training ${formatDuration(runTrainMilliseconds)}${earlierTraining}, backend ${progress.backend})`);
  output.record({
    type: 'result',
    testAccuracy: evaluation.accuracy,
    testLoss: evaluation.loss,
    testCount: mnist.test.count,
    steps: step,
    model: config.out,
    backend: progress.backend,
    trainMilliseconds: Math.round(runTrainMilliseconds),
    trainMillisecondsWithResumed: Math.round(trainMilliseconds),
    totalMilliseconds: Math.round(totalMilliseconds),
    removedCheckpoint: removedCheckpoint ?? null,
  });
  return 0;
}

/**
 * Trains in a worker thread. The first Ctrl-C stops training after the current step, and the
 * returned history then has aborted: true. A second Ctrl-C quits at once without a checkpoint.
 */
async function trainUntilDoneOrInterrupted(job: TrainingJobInput, progress: TrainingProgress): Promise<TrainingResult> {
  const worker = new TrainingWorker();
  let interrupted = false;
  const onInterrupt = (): void => {
    if (interrupted) {
      process.stderr.write('scratchnet: interrupted again; quitting without a checkpoint\n');
      void worker.terminate().finally(() => process.exit(EXIT_INTERRUPTED));
      return;
    }
    interrupted = true;
    worker.interrupt();
    process.stderr.write('\nscratchnet: stopping after the current step (press Ctrl-C again to quit without a checkpoint)\n');
  };

  process.on('SIGINT', onInterrupt);
  try {
    return await worker.run(job, progress.callbacks());
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
}

/**
 * Returns how this process was started, as a shell command prefix: `scratchnet` through the
 * installed bin, otherwise `node <path of cli.js>` (relative to the working directory when inside it).
 */
function invocation(): string {
  const script = process.argv[1] ?? '';
  if (basename(script) === 'scratchnet') {
    return 'scratchnet';
  }
  return `node ${shellQuote(displayPath(script))}`;
}

/** Returns the configuration as plain JSON for the `config` record. */
function configRecord(config: TrainConfig): Record<string, unknown> {
  return {
    preset: config.preset,
    layers: config.spec.sizes,
    activation: config.spec.activation,
    initializer: config.initializer,
    options: config.options,
    seed: config.options.seed,
    seedSource: config.seedSource,
    data: config.data ?? 'embedded',
    limit: config.limit ?? null,
    out: config.out,
  };
}

/** Returns the training set, cut to its first `limit` images when --limit is set. */
function selectTrainingImages(mnist: MnistData, limit: number | undefined): Dataset {
  if (limit === undefined || limit >= mnist.train.count) {
    return mnist.train;
  }
  return mnist.train.slice(0, limit);
}

/** Fewest training images a validation split may leave, whatever the batch size. */
const MIN_TRAINING_IMAGES = 10;

/**
 * Returns the number of images the validation split holds out of `count`, and rejects a split
 * that leaves fewer training images than one batch (or than 10).
 */
function checkValidationSplit(config: TrainConfig, count: number): number {
  const fraction = config.options.validationSplit;
  if (fraction === undefined) {
    return 0;
  }
  const validationCount = validationRowCount(count, fraction);
  const trainCount = count - validationCount;
  const batchSize = config.options.batchSize;
  const needed = Math.max(MIN_TRAINING_IMAGES, typeof batchSize === 'number' ? batchSize : 0);
  if (trainCount < needed) {
    throw new CliError(
      `--val-split ${fraction} holds out ${validationCount} of ${count} images and leaves ${trainCount} to train on, fewer than ${needed}` +
        `${needed > MIN_TRAINING_IMAGES ? ' (one batch)' : ''}; lower --val-split or raise --limit`,
    );
  }
  return validationCount;
}

/** Checks that the first and last layer sizes match the image size and the class count. */
function checkLayerSizes(config: TrainConfig, mnist: MnistData): void {
  const sizes = config.spec.sizes;
  const pixelCount = mnist.train.pixelCount;
  const classCount = mnist.train.classCount;
  if (sizes[0] !== pixelCount || sizes.at(-1) !== classCount) {
    throw new CliError(
      `invalid --layers ${sizes.join(',')}: the first size must be ${pixelCount} (pixels per image) and the last ${classCount} (classes); try --layers ${pixelCount},128,${classCount}`,
    );
  }
}

/** Values a checkpoint restores: the weights, the trainer state and the configuration of the run. */
interface ResumedRun {
  parameters: LayerParameters[];
  checkpoint: TrainerState;
  config: TrainConfig;
  milliseconds: number;
}

/** Options that would change a resumed run; the checkpoint fixes them. */
const FIXED_WHEN_RESUMING = ['layers', 'activation', 'initializer', 'optimizer', 'lr', 'batchSize', 'epochs', 'iterations', 'seed', 'valSplit', 'clipNorm', 'limit', 'data'] as const;

async function loadCheckpoint(path: string, options: TrainCommandOptions): Promise<ResumedRun> {
  const fixed = FIXED_WHEN_RESUMING.filter((name) => options[name] !== undefined);
  if (fixed.length > 0) {
    const flags = fixed.map((name) => `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
    throw new CliError(`--resume continues with the options stored in the checkpoint; remove ${flags.join(', ')}`, { exitCode: EXIT_USAGE });
  }

  const model = await loadModelFile(path, 'checkpoint');
  const training = model.metadata.training;
  if (!model.checkpoint || !training) {
    throw new CliError(`${path} contains no training checkpoint; pass the .checkpoint.safetensors file that an interrupted 'scratchnet train' saved`);
  }
  const { options: trainOptions, run } = splitStoredOptions(training.options);
  // The backend changes only the speed (and rounding), so a resumed run may switch it.
  if (options.backend !== undefined) {
    trainOptions.backend = options.backend;
  }
  const config: TrainConfig = {
    preset: training.preset ?? 'custom',
    spec: model.network.spec,
    initializer: run.initializer,
    options: trainOptions,
    seedSource: 'checkpoint',
    data: run.data,
    limit: run.limit,
    out: resolve(options.out ?? (path.endsWith(CHECKPOINT_SUFFIX) ? `${path.slice(0, -CHECKPOINT_SUFFIX.length)}.safetensors` : defaultModelPath(training.preset ?? 'custom'))),
  };
  const parameters = model.network.layers.map((layer) => ({ weights: layer.weights, biases: layer.biases }));
  return { parameters, checkpoint: model.checkpoint, config, milliseconds: training.milliseconds ?? 0 };
}

/** Deletes the checkpoint a finished run resumed from; returns its path, or undefined when it could not be removed. */
async function removeCheckpoint(path: string): Promise<string | undefined> {
  try {
    await rm(path);
    return resolve(path);
  } catch {
    // NOTE: a checkpoint that cannot be deleted (read-only directory) is left in place silently.
    return undefined;
  }
}

async function saveModelFile(path: string, network: Network, options: Parameters<typeof saveModel>[2]): Promise<void> {
  try {
    await saveModel(path, network, options);
  } catch (error) {
    throw new CliError(`failed to write model file ${path}: ${errorMessage(error)}; check that the directory exists and is writable`, { cause: error });
  }
}
