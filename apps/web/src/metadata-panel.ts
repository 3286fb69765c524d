// The model view's description list: architecture, training record and test accuracy of the
// current model, read from the metadata stored in its .safetensors header.
import type { LoadedModel } from './current-model';

const SOURCE_NAMES: Record<LoadedModel['source'], string> = {
  default: 'default model shipped with the app',
  file: 'loaded from a file',
  trained: 'trained in this page',
  stored: 'restored from the last visit',
};

/** Returns "97.85 %" for 0.9785, or "not recorded" for a missing value. */
export function formatPercent(value: number | undefined, digits = 2): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${(100 * value).toFixed(digits)} %` : 'not recorded';
}

/** Returns the one-line summary shown in the page header. */
export function summarizeModel(model: LoadedModel): string {
  const accuracy = model.metadata.training?.metrics?.testAccuracy;
  const sizes = model.metadata.architecture.sizes.join('-');
  const accuracyText = typeof accuracy === 'number' ? `, ${formatPercent(accuracy)} test accuracy` : '';
  return `Model: ${model.name} (${sizes}${accuracyText})`;
}

/** Lists the metadata of `model` in `list`, replacing what was there. */
export function renderMetadata(list: HTMLDListElement, model: LoadedModel): void {
  const { metadata, network } = model;
  const training = metadata.training;
  const rows: [string, string][] = [
    ['File', model.name],
    ['Source', SOURCE_NAMES[model.source]],
    ['Architecture', metadata.architecture.sizes.join(' → ')],
    ['Activations', metadata.architecture.activations.join(', ')],
    ['Parameters', network.parameterCount().toLocaleString('en-US')],
    ['Classes', metadata.classLabels.join(' ')],
    ['Test accuracy', formatPercent(training?.metrics?.testAccuracy)],
  ];
  if (training !== undefined) {
    const options = training.options;
    rows.push(
      ['Test loss', formatNumber(training.metrics?.testLoss)],
      ['Preset', training.preset ?? 'none'],
      ['Optimizer', describeOptimizer(options)],
      ['Batch size', String(options.batchSize ?? 'not recorded')],
      ['Other options', describeOtherOptions(options)],
      ['Epochs', formatNumber(training.epochs)],
      ['Steps', formatNumber(training.steps)],
      ['Seed', String(training.seed)],
      ['Dataset', training.dataset?.name ?? 'not recorded'],
      ['Trained on', training.date],
      ['Training time', typeof training.milliseconds === 'number' ? `${(training.milliseconds / 1000).toFixed(1)} s` : 'not recorded'],
      ['Backend', training.backend ?? 'not recorded'],
      ['scratchnet version', training.scratchnetVersion],
    );
  } else {
    rows.push(['Training record', 'none in this file']);
  }
  rows.push(['Tensors SHA-256', metadata.tensorsSha256]);

  list.replaceChildren();
  for (const [term, description] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = description;
    list.append(dt, dd);
  }
}

function describeOptimizer(options: Record<string, unknown>): string {
  const optimizer = typeof options.optimizer === 'string' ? options.optimizer : 'not recorded';
  const learningRate = typeof options.learningRate === 'number' ? `, learning rate ${options.learningRate}` : '';
  return `${optimizer}${learningRate}`;
}

/** Options shown in their own rows, or implied by the epochs and steps rows. */
const LISTED_OPTIONS = new Set(['optimizer', 'learningRate', 'batchSize', 'epochs', 'iterations', 'seed']);

function describeOtherOptions(options: Record<string, unknown>): string {
  const entries = Object.entries(options).filter(([name]) => !LISTED_OPTIONS.has(name));
  if (entries.length === 0) return 'none';
  return entries.map(([name, value]) => `${name} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`).join(', ');
}

function formatNumber(value: number | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Number(value.toPrecision(6))) : 'not recorded';
}
