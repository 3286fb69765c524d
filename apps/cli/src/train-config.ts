// The effective training configuration: a preset, overridden by command-line options,
// or the options stored in a checkpoint when training resumes.

import { randomInt } from 'node:crypto';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { presets, resolveTrainOptions } from '@scratchnet/network';
import type { Activation, Initializer, NetworkSpec, TrainOptions } from '@scratchnet/network';
import { displayPath } from './display-path.js';
import { describeDataSource } from './mnist-source.js';
import { formatKeyValues } from './text-format.js';

/** Options of `scratchnet train` as commander parses them. */
export interface TrainCommandOptions {
  preset: string;
  layers?: number[];
  activation?: Activation;
  initializer?: Initializer;
  optimizer?: TrainOptions['optimizer'];
  lr?: number;
  batchSize?: number | 'full';
  epochs?: number;
  iterations?: number;
  seed?: number;
  valSplit?: number;
  clipNorm?: number;
  backend?: 'auto' | 'js' | 'wasm';
  data?: string;
  out?: string;
  resume?: string;
  limit?: number;
  logEvery?: number;
  json: boolean;
  quiet: boolean;
}

/** Everything a training run depends on, with every default filled in. */
export interface TrainConfig {
  preset: string;
  spec: NetworkSpec;
  initializer: Initializer;
  options: TrainOptions;
  /** Source of the seed: the --seed option, a random draw, or the resumed checkpoint. */
  seedSource: 'option' | 'random' | 'checkpoint';
  /** --data value; undefined means the embedded MNIST copy. */
  data?: string;
  /** Train on the first `limit` training images only. */
  limit?: number;
  /** Absolute path of the model file to write. */
  out: string;
}

/** Extra values a checkpoint stores beside the TrainOptions, so that resuming needs no other option. */
export interface StoredRunOptions {
  initializer: Initializer;
  data?: string;
  limit?: number;
}

/** Returns the default model path for a preset: `scratchnet-<preset>.safetensors` in the current directory. */
export function defaultModelPath(preset: string): string {
  return resolve(`scratchnet-${preset}.safetensors`);
}

/** File name ending of the checkpoints that Ctrl-C saves. */
export const CHECKPOINT_SUFFIX = '.checkpoint.safetensors';

/** Returns the checkpoint path next to the model path: `<name>.checkpoint.safetensors`. */
export function checkpointPathFor(modelPath: string): string {
  const extension = extname(modelPath);
  const name = extension === '.safetensors' ? basename(modelPath, extension) : basename(modelPath);
  return join(dirname(modelPath), `${name}${CHECKPOINT_SUFFIX}`);
}

/** Builds the configuration of a fresh run from a preset and the command-line overrides. */
export function resolveTrainConfig(options: TrainCommandOptions): TrainConfig {
  // The --preset parser admits only names of presets, so the lookup cannot fail.
  const preset = presets[options.preset]!;
  const seed = options.seed ?? randomInt(0, 0x1_0000_0000);
  const trainOptions: TrainOptions = { ...preset.options, seed };

  if (options.optimizer !== undefined) {
    trainOptions.optimizer = options.optimizer;
  }
  if (options.lr !== undefined) {
    trainOptions.learningRate = options.lr;
  }
  if (options.batchSize !== undefined) {
    trainOptions.batchSize = options.batchSize;
  }
  // A run length from the command line replaces the preset's, whichever unit the preset uses.
  if (options.epochs !== undefined) {
    trainOptions.epochs = options.epochs;
    delete trainOptions.iterations;
  }
  if (options.iterations !== undefined) {
    trainOptions.iterations = options.iterations;
    delete trainOptions.epochs;
  }
  if (options.clipNorm !== undefined) {
    trainOptions.clipNorm = options.clipNorm;
  }
  if (options.backend !== undefined) {
    trainOptions.backend = options.backend;
  }
  // The trainer takes a split strictly between 0 and 1; --val-split 0 turns validation off.
  if (options.valSplit !== undefined && options.valSplit > 0) {
    trainOptions.validationSplit = options.valSplit;
  } else if (options.valSplit === 0) {
    delete trainOptions.validationSplit;
  }

  return {
    preset: options.preset,
    spec: { sizes: options.layers ?? [...preset.spec.sizes], activation: options.activation ?? preset.spec.activation },
    initializer: options.initializer ?? preset.initializer,
    options: trainOptions,
    seedSource: options.seed === undefined ? 'random' : 'option',
    data: options.data,
    limit: options.limit,
    out: resolve(options.out ?? defaultModelPath(options.preset)),
  };
}

/** Splits stored training options into the TrainOptions and the CLI's own values. */
export function splitStoredOptions(stored: Record<string, unknown>): { options: TrainOptions; run: StoredRunOptions } {
  const { initializer, data, limit, ...options } = stored;
  return {
    options: options as unknown as TrainOptions,
    run: { initializer: initializer as Initializer, data: data as string | undefined, limit: limit as number | undefined },
  };
}

/** Turns `learningRate` into `learning rate`. */
function optionLabel(key: string): string {
  return key.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase();
}

function formatValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Optimizer settings that apply to each optimizer; the others are left out of the configuration block. */
const OPTIMIZER_SETTINGS: Record<string, string[]> = {
  sgd: [],
  momentum: ['momentum'],
  nesterov: ['momentum'],
  adam: ['beta1', 'beta2', 'epsilon'],
  adamw: ['beta1', 'beta2', 'epsilon'],
  rmsprop: ['rho', 'epsilon'],
};
const ALL_OPTIMIZER_SETTINGS = ['momentum', 'beta1', 'beta2', 'epsilon', 'rho'];

/** Formats the configuration block printed once before training, with every value the trainer uses. */
export function formatTrainConfig(config: TrainConfig, resume?: string): string {
  // The trainer's own defaults fill in what the preset leaves out, so the block shows every value.
  const { seed, ...options } = resolveTrainOptions(config.options);
  const usedSettings = OPTIMIZER_SETTINGS[options.optimizer] ?? ALL_OPTIMIZER_SETTINGS;
  for (const setting of ALL_OPTIMIZER_SETTINGS) {
    if (!usedSettings.includes(setting)) {
      delete options[setting as keyof typeof options];
    }
  }
  const seedNote = {
    option: 'from --seed',
    random: `random; pass --seed ${seed} to repeat this run`,
    checkpoint: 'from the checkpoint',
  }[config.seedSource];

  const pairs: [string, string][] = [
    ['preset', config.preset],
    ['layers', config.spec.sizes.join(',')],
    ['activation', `${config.spec.activation} (hidden layers), softmax (output)`],
    ['initializer', config.initializer],
  ];
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) {
      pairs.push([optionLabel(key), formatValue(value)]);
    }
  }
  if (options.clipNorm === undefined) {
    pairs.push(['clip norm', 'none (gradients not clipped)']);
  }
  if (options.validationSplit === undefined) {
    pairs.push(['validation split', '0 (no validation set)']);
  }
  pairs.push(
    ['seed', `${seed} (${seedNote})`],
    ['data', describeDataSource(config.data)],
    ['limit', config.limit === undefined ? 'none (all training images)' : `first ${config.limit} training images`],
    ['output', displayPath(config.out)],
  );
  if (resume !== undefined) {
    pairs.push(['resume from', resume]);
  }
  return `configuration\n${formatKeyValues(pairs)}`;
}
