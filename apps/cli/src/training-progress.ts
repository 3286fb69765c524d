// Shows training progress: a progress bar with ETA on a terminal, otherwise one fixed-format
// line per interval, and the same records as JSON lines with --json.

import type { EpochRecord, StepRecord, TrainCallbacks } from '@scratchnet/network';
import type { Output } from './output.js';
import { ProgressBar } from './progress-bar.js';
import { formatPercent } from './text-format.js';

/** Intervals the automatic step interval is rounded up to. */
const NICE_INTERVALS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];

/** Picks a step interval that gives about 20 progress lines over `totalSteps`. */
export function chooseLogInterval(totalSteps: number): number {
  const target = Math.max(1, Math.ceil(totalSteps / 20));
  return NICE_INTERVALS.find((interval) => interval >= target) ?? target;
}

/** Formats one step line, e.g. `step   25/500  epoch   1  loss 1.2345  accuracy 65.43 %  12.3 ms/step`. */
export function formatStepLine(record: StepRecord, totalSteps: number, millisecondsPerStep: number): string {
  const width = String(totalSteps).length;
  return [
    `step ${String(record.step).padStart(width)}/${totalSteps}`,
    `epoch ${String(record.epoch).padStart(3)}`,
    `loss ${record.loss.toFixed(4)}`,
    `accuracy ${formatPercent(record.accuracy).padStart(8)}`,
    `${millisecondsPerStep.toFixed(1)} ms/step`,
  ].join('  ');
}

/** Formats one epoch line with the validation results when there are any. */
export function formatEpochLine(record: EpochRecord, totalEpochs: number | undefined): string {
  const parts = [
    `epoch ${record.epoch}${totalEpochs ? `/${totalEpochs}` : ''}`,
    `train loss ${record.trainLoss.toFixed(4)}`,
    `train accuracy ${formatPercent(record.trainAccuracy)}`,
  ];
  if (record.validationLoss !== undefined && record.validationAccuracy !== undefined) {
    parts.push(`validation loss ${record.validationLoss.toFixed(4)}`, `validation accuracy ${formatPercent(record.validationAccuracy)}`);
  }
  parts.push(`${(record.milliseconds / 1000).toFixed(1)} s`);
  return parts.join('  ');
}

/** Settings of a TrainingProgress. */
export interface TrainingProgressOptions {
  /** Steps between two progress lines; undefined picks about 20 lines per run. */
  logEvery?: number;
  /** Epoch count for the epoch lines, when training runs for a number of epochs. */
  totalEpochs?: number;
}

/** Training callbacks that report progress through an Output. */
export class TrainingProgress {
  backend = 'unknown';
  totalSteps = 0;
  private readonly output: Output;
  private readonly options: TrainingProgressOptions;
  private bar: ProgressBar | null = null;
  private interval = 1;
  private millisecondsSinceLine = 0;
  private stepsSinceLine = 0;
  private printedStep = false;

  constructor(output: Output, options: TrainingProgressOptions = {}) {
    this.output = output;
    this.options = options;
  }

  /** Returns the callbacks to pass to the trainer. */
  callbacks(): TrainCallbacks {
    return {
      onTrainBegin: (info) => this.begin(info.totalSteps, info.stepsPerEpoch, info.backend),
      onStepEnd: (record) => this.step(record),
      onEpochEnd: (record) => this.epoch(record),
    };
  }

  /** Stops the progress bar, if there is one, so later output starts on a fresh line. */
  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }

  private begin(totalSteps: number, stepsPerEpoch: number, backend: string): void {
    this.totalSteps = totalSteps;
    this.backend = backend;
    this.interval = this.options.logEvery ?? chooseLogInterval(totalSteps);
    this.output.info(`backend: ${backend} (${totalSteps} steps, ${stepsPerEpoch} per epoch)`);
    this.output.record({ type: 'begin', backend, totalSteps, stepsPerEpoch });

    if (this.output.interactive) {
      this.bar = new ProgressBar(process.stdout, totalSteps);
    }
  }

  private step(record: StepRecord): void {
    this.millisecondsSinceLine += record.milliseconds;
    this.stepsSinceLine += 1;

    if (this.bar) {
      this.bar.update(record.step, `loss ${record.loss.toFixed(4)} | accuracy ${formatPercent(record.accuracy)} | ${record.milliseconds.toFixed(1)} ms/step`);
    }

    // Lines go out on the interval, after the first step (so a slow run shows life early) and after the last.
    const due = record.step % this.interval === 0 || record.step === this.totalSteps || !this.printedStep;
    if (!due) {
      return;
    }
    const millisecondsPerStep = this.millisecondsSinceLine / this.stepsSinceLine;
    this.millisecondsSinceLine = 0;
    this.stepsSinceLine = 0;
    this.printedStep = true;
    if (!this.bar) {
      this.output.info(formatStepLine(record, this.totalSteps, millisecondsPerStep));
    }
    this.output.record({ ...record, millisecondsPerStep }, { progress: true });
  }

  private epoch(record: EpochRecord): void {
    // A run measured in iterations reports epochs only when they carry validation results,
    // because full-batch training would otherwise print an epoch line after every step.
    if (this.options.totalEpochs === undefined && record.validationLoss === undefined) {
      return;
    }
    if (this.bar) {
      this.bar.printAbove(formatEpochLine(record, this.options.totalEpochs));
    } else {
      this.output.info(formatEpochLine(record, this.options.totalEpochs));
    }
    this.output.record({ ...record }, { progress: true });
  }
}
