// The train view's controls: start, pause/resume and stop a run in the worker, show its progress
// and charts, and hand the finished model to the page.
import type { EpochRecord, StepRecord } from '@scratchnet/network';
import { downloadBytes } from './current-model';
import { formatPercent } from './metadata-panel';
import type { TrainingClient } from './training-client';
import type { TrainingCharts } from './training-charts';
import { readTrainingConfig, type TrainingFormElements } from './training-form';
import type { TrainingState, WorkerResponse } from './training-protocol';

export interface TrainingPanelElements extends TrainingFormElements {
  pause: HTMLButtonElement;
  stop: HTMLButtonElement;
  download: HTMLButtonElement;
  status: HTMLElement;
  error: HTMLElement;
}

export interface TrainedModel {
  bytes: Uint8Array;
  fileName: string;
}

/** Connects the train view to the worker; `onTrained` receives every finished model. */
export function setUpTrainingPanel(
  elements: TrainingPanelElements,
  client: TrainingClient,
  charts: TrainingCharts,
  onTrained: (model: TrainedModel) => void,
): void {
  let state: TrainingState = 'idle';
  let totalSteps = 0;
  let stepsPerEpoch = 0;
  /** The training backend as the status shows it, e.g. "wasm backend, 2 threads". */
  let backend = '';
  let lastStep: StepRecord | null = null;
  let lastEpoch: EpochRecord | null = null;
  let trained: TrainedModel | null = null;

  function render(): void {
    const active = state !== 'idle';
    elements.form.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled = active;
    elements.pause.disabled = !(state === 'running' || state === 'paused');
    elements.pause.textContent = state === 'paused' ? 'Resume' : 'Pause';
    elements.stop.disabled = !(state === 'running' || state === 'paused' || state === 'loading-data');
    elements.download.disabled = trained === null;
  }

  function describeProgress(prefix: string): string {
    if (lastStep === null) return prefix;
    const epochCount = stepsPerEpoch > 0 ? Math.ceil(totalSteps / stepsPerEpoch) : 0;
    const parts = [
      `${prefix} epoch ${lastStep.epoch}/${epochCount}, step ${lastStep.step}/${totalSteps}`,
      `loss ${lastStep.loss.toFixed(4)}, accuracy ${formatPercent(lastStep.accuracy, 1)}`,
      `${lastStep.milliseconds.toFixed(1)} ms/step`,
    ];
    if (backend !== '') parts.push(backend);
    if (lastEpoch?.validationAccuracy !== undefined) parts.push(`validation accuracy ${formatPercent(lastEpoch.validationAccuracy)}`);
    return parts.join(' · ');
  }

  function handle(message: WorkerResponse): void {
    switch (message.type) {
      case 'state':
        state = message.state;
        if (state === 'loading-data') elements.status.textContent = 'Loading MNIST…';
        if (state === 'paused') elements.status.textContent = describeProgress('Paused at');
        if (state === 'evaluating') elements.status.textContent = 'Evaluating on the test set…';
        render();
        return;
      case 'train-begin':
        totalSteps = message.totalSteps;
        stepsPerEpoch = message.stepsPerEpoch;
        backend = describeBackend(message.backend, message.threads);
        elements.status.textContent =
          `Training on ${message.trainCount.toLocaleString('en-US')} images for ${totalSteps} steps, validating on ` +
          `${message.validationCount.toLocaleString('en-US')} held-out images (${backend})…`;
        return;
      case 'steps':
        lastStep = message.records[message.records.length - 1];
        charts.addSteps(message.records);
        if (state === 'running') elements.status.textContent = describeProgress('Training:');
        return;
      case 'epoch':
        lastEpoch = message.record;
        charts.addEpoch(message.record);
        return;
      case 'train-end': {
        const bytes = new Uint8Array(message.model);
        const fileName = `scratchnet-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.safetensors`;
        trained = { bytes, fileName };
        const ending = message.aborted ? 'Stopped' : 'Finished';
        elements.status.textContent = `${ending} after ${message.steps} steps (${backend}): test accuracy ${formatPercent(message.testAccuracy)} (test loss ${message.testLoss.toFixed(4)}). Drawing now uses this model.`;
        onTrained(trained);
        render();
        return;
      }
      case 'error':
        elements.error.textContent = message.message;
        return;
      default:
        return;
    }
  }

  client.subscribe(handle);

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (state !== 'idle') return;
    let config;
    try {
      config = readTrainingConfig(elements);
    } catch (error) {
      elements.error.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    elements.error.textContent = '';
    lastStep = null;
    lastEpoch = null;
    backend = '';
    charts.reset();
    // Disabled at once, so a second click cannot queue a second run before the worker responds.
    state = 'loading-data';
    elements.status.textContent = 'Starting…';
    render();
    client.start(config);
  });
  elements.pause.addEventListener('click', () => {
    if (state === 'running') client.pause();
    else if (state === 'paused') client.resume();
  });
  elements.stop.addEventListener('click', () => client.stop());
  elements.download.addEventListener('click', () => {
    if (trained !== null) downloadBytes(trained.bytes, trained.fileName);
  });
  render();
}

function describeBackend(name: string, threads: number | null): string {
  if (threads === null) return `${name} backend`;
  return `${name} backend, ${threads} ${threads === 1 ? 'thread' : 'threads'}`;
}
