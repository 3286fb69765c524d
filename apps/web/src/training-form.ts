// The training form: filled from a preset, read back into a validated TrainingConfig.
import { presets } from '@scratchnet/network';
import type { TrainingConfig } from './training-protocol';

const INPUT_SIZE = 784;
const CLASS_COUNT = 10;
/** Training images left after the validation split; a 'full' batch preset uses all of them. */
const TRAIN_COUNT = 55_000;
const DEFAULT_PRESET = 'strong';

export interface TrainingFormElements {
  form: HTMLFormElement;
  preset: HTMLSelectElement;
  /** Shows the chosen preset's description. */
  presetHelp: HTMLElement;
  sizes: HTMLInputElement;
  activation: HTMLSelectElement;
  optimizer: HTMLSelectElement;
  learningRate: HTMLInputElement;
  batchSize: HTMLInputElement;
  epochs: HTMLInputElement;
  seed: HTMLInputElement;
}

/** Lists the presets and fills the fields from the default one, and from each one chosen later. */
export function setUpTrainingForm(elements: TrainingFormElements): void {
  const names = Object.keys(presets);
  for (const [name, preset] of Object.entries(presets)) {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    option.title = preset?.description ?? '';
    elements.preset.append(option);
  }
  elements.preset.value = names.includes(DEFAULT_PRESET) ? DEFAULT_PRESET : names[0];
  elements.seed.value = '1';
  fillFromPreset(elements);
  elements.preset.addEventListener('change', () => fillFromPreset(elements));
}

function fillFromPreset(elements: TrainingFormElements): void {
  const preset = presets[elements.preset.value];
  if (preset === undefined) return;
  const { spec, options } = preset;
  elements.presetHelp.textContent = preset.description;
  elements.sizes.value = spec.sizes.join(', ');
  elements.activation.value = spec.activation;
  elements.optimizer.value = options.optimizer;
  elements.learningRate.value = String(options.learningRate);
  elements.batchSize.value = String(options.batchSize === 'full' ? TRAIN_COUNT : options.batchSize);
  // A full-batch preset counts iterations, and with one batch per epoch each iteration is an epoch.
  elements.epochs.value = String(options.epochs ?? options.iterations ?? 1);
}

/** Reads the form, or throws an error naming the first invalid field and what it expects. */
export function readTrainingConfig(elements: TrainingFormElements): TrainingConfig {
  const sizes = elements.sizes.value
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map(Number);
  if (sizes.length < 2 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`Layer sizes "${elements.sizes.value}" are invalid: expected positive integers separated by commas, such as 784, 128, 10.`);
  }
  if (sizes[0] !== INPUT_SIZE || sizes[sizes.length - 1] !== CLASS_COUNT) {
    throw new Error(`Layer sizes must start with ${INPUT_SIZE} (28×28 pixels) and end with ${CLASS_COUNT} (digits), not ${sizes.join(', ')}.`);
  }
  return {
    preset: elements.preset.value,
    sizes,
    activation: elements.activation.value as TrainingConfig['activation'],
    optimizer: elements.optimizer.value as TrainingConfig['optimizer'],
    learningRate: readNumber(elements.learningRate, 'Learning rate', { integer: false, minimum: Number.MIN_VALUE }),
    batchSize: readNumber(elements.batchSize, 'Batch size', { integer: true, minimum: 1, maximum: TRAIN_COUNT }),
    epochs: readNumber(elements.epochs, 'Epochs', { integer: true, minimum: 1 }),
    seed: readNumber(elements.seed, 'Seed', { integer: true, minimum: 0, maximum: 2 ** 32 - 1 }),
  };
}

function readNumber(
  input: HTMLInputElement,
  name: string,
  limits: { integer: boolean; minimum: number; maximum?: number },
): number {
  const value = Number(input.value);
  const valid =
    input.value.trim() !== '' &&
    Number.isFinite(value) &&
    (!limits.integer || Number.isInteger(value)) &&
    value >= limits.minimum &&
    (limits.maximum === undefined || value <= limits.maximum);
  if (!valid) {
    const kind = limits.integer ? 'an integer' : 'a number';
    let range = `of at least ${limits.minimum}`;
    if (limits.maximum !== undefined) range = `from ${limits.minimum} to ${limits.maximum}`;
    else if (limits.minimum === Number.MIN_VALUE) range = 'greater than 0';
    throw new Error(`${name} "${input.value}" is invalid: expected ${kind} ${range}.`);
  }
  return value;
}
