// The commander program: every command, option, default and unit of `scratchnet`.

import { Command, Option } from 'commander';
import type { Preset } from '@scratchnet/network';
import { ACTIVATIONS, INITIALIZERS, OPTIMIZERS, presets } from '@scratchnet/network';
import { runEvaluate } from './commands/evaluate.js';
import { runInspect } from './commands/inspect.js';
import { runPredict } from './commands/predict.js';
import { runTrain } from './commands/train.js';
import {
  parseBatchSize,
  parseChoice,
  parseFraction,
  parseLayers,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parsePositiveNumber,
  parseSeed,
} from './option-parsers.js';
import { wrapText } from './text-format.js';
import { VERSION } from './version.js';

/** Help of every --data option. */
const DATA_HELP =
  'MNIST IDX files: a directory, or a URL to download and cache in ~/.cache/scratchnet/mnist/<hash of the URL>/ (default: the embedded copy)';

/** Receives the exit code of a command's action. */
export type ExitCodeSink = (exitCode: number) => void;

/** Adds --json, --quiet and --debug, which every command takes. */
function addCommonOptions(command: Command): Command {
  return command
    .option('--json', 'write machine-readable JSON, one object per line, instead of text', false)
    .option('-q, --quiet', 'print only the final results (no configuration, no progress)', false)
    .option('--debug', 'print the stack trace of an error', false);
}

/** Describes what a preset sets, for the help text of a train option. */
function presetDefault(describe: (preset: Preset) => string): string {
  return `default: from --preset; ${describe(presets.reference)} for reference`;
}

function createTrainCommand(setExitCode: ExitCodeSink): Command {
  const presetNames = Object.keys(presets);
  const reference = presets.reference;
  const runLength = reference.options.iterations !== undefined ? `${reference.options.iterations} iterations` : `${reference.options.epochs} epochs`;
  const runLengthDefault = `default: from --preset, which sets epochs or iterations; ${runLength} for reference`;
  const command = new Command('train')
    .summary('train a network on MNIST, evaluate it on the test set and save it')
    .description(
      'Train a network on MNIST, evaluate it on the 10,000 test images and save it as a .safetensors model.\n' +
        'With no options this trains the reference preset on the embedded MNIST data.\n' +
        'Ctrl-C stops after the current step and saves a checkpoint that --resume continues.',
    )
    .addOption(
      new Option('--preset <name>', `starting configuration: ${presetNames.join(', ')} (described below)`)
        .default('reference')
        .argParser(parseChoice(presetNames, 'preset')),
    )
    .addOption(new Option('--layers <sizes>', `layer sizes from input to output, comma-separated (${presetDefault((p) => p.spec.sizes.join(','))})`).argParser(parseLayers))
    .addOption(
      new Option('--activation <name>', `activation of the hidden layers: ${ACTIVATIONS.join(', ')} (${presetDefault((p) => p.spec.activation)})`).argParser(
        parseChoice(ACTIVATIONS, 'activation'),
      ),
    )
    .addOption(
      new Option('--initializer <name>', `weight initialization: ${INITIALIZERS.join(', ')} (${presetDefault((p) => p.initializer)})`).argParser(
        parseChoice(INITIALIZERS, 'initializer'),
      ),
    )
    .addOption(
      new Option('--optimizer <name>', `optimizer: ${OPTIMIZERS.join(', ')} (${presetDefault((p) => p.options.optimizer)})`).argParser(
        parseChoice(OPTIMIZERS, 'optimizer'),
      ),
    )
    .addOption(new Option('--lr <rate>', `learning rate, a number > 0 (${presetDefault((p) => String(p.options.learningRate))})`).argParser(parsePositiveNumber))
    .addOption(
      new Option('--batch-size <n|full>', `images per step, or 'full' for the whole training set (${presetDefault((p) => String(p.options.batchSize))})`).argParser(
        parseBatchSize,
      ),
    )
    .addOption(new Option('--epochs <n>', `passes over the training set (${runLengthDefault})`).argParser(parsePositiveInteger).conflicts('iterations'))
    .addOption(new Option('--iterations <n>', `optimizer steps in total (${runLengthDefault})`).argParser(parsePositiveInteger))
    .addOption(new Option('--seed <n>', 'random seed for initialization and shuffling, 0 to 4294967295 (default: random, printed)').argParser(parseSeed))
    .addOption(new Option('--val-split <fraction>', 'fraction of the training images held out for validation, in [0, 1) (default: 0)').argParser(parseFraction))
    .addOption(
      new Option('--clip-norm <n>', 'scale each step\'s gradients down to this global L2 norm, a number > 0, against divergence (default: no clipping)').argParser(
        parsePositiveNumber,
      ),
    )
    .addOption(
      new Option('--backend <name>', "training backend: auto (WebAssembly SIMD where it runs, else JavaScript), js or wasm (default: auto)").argParser(parseChoice(['auto', 'js', 'wasm'], 'backend')),
    )
    .option('--data <dir|url>', DATA_HELP)
    .option('--out <file>', 'model file to write (default: scratchnet-<preset>.safetensors in the current directory)')
    .option('--resume <checkpoint>', 'continue an interrupted run from its .checkpoint.safetensors file, with its stored options')
    .addOption(new Option('--limit <n>', 'train on the first n training images only (default: all 60,000)').argParser(parsePositiveInteger))
    .addOption(new Option('--log-every <steps>', 'steps between two progress lines (default: about 20 lines per run)').argParser(parsePositiveInteger));

  const presetList = presetNames.map((name) => `  ${name}\n${wrapText(presets[name]?.description ?? '', 80, '    ')}`).join('\n');
  return addCommonOptions(command)
    .addHelpText('after', `\nPresets:\n${presetList}`)
    .action(async (options) => setExitCode(await runTrain(options)));
}

function createEvaluateCommand(setExitCode: ExitCodeSink): Command {
  const command = new Command('evaluate')
    .summary('measure a model on the MNIST test set')
    .description('Measure a model on the 10,000 MNIST test images: accuracy, loss, the confusion matrix, per-class precision and recall, and the most confident mistakes.')
    .argument('<model>', 'model file (.safetensors) written by scratchnet train')
    .option('--data <dir|url>', DATA_HELP)
    .addOption(new Option('--mistakes <n>', 'number of most confident mistakes to list').default(10).argParser(parseNonNegativeInteger));
  return addCommonOptions(command).action(async (model, options) => setExitCode(await runEvaluate(model, options)));
}

function createPredictCommand(setExitCode: ExitCodeSink): Command {
  const command = new Command('predict')
    .summary('classify digit images (PNG or JPEG) or test images')
    .description(
      'Classify handwritten digits in PNG or JPEG files (any size, dark or light background) or MNIST test images.\n' +
        'Exits with 1 when an image has no digit in it.',
    )
    .argument('<model>', 'model file (.safetensors) written by scratchnet train')
    .argument('[image...]', 'PNG or JPEG files, each with one digit')
    .option('--show', 'draw the 28×28 input the network sees', false)
    .addOption(new Option('--index <n>', 'also classify MNIST test image n (0 to 9,999) and show its true label').argParser(parseNonNegativeInteger))
    .option('--data <dir|url>', `${DATA_HELP}; used by --index`);
  return addCommonOptions(command).action(async (model, images, options) => setExitCode(await runPredict(model, images, options)));
}

function createInspectCommand(setExitCode: ExitCodeSink): Command {
  const command = new Command('inspect')
    .summary('show what a model file contains')
    .description('Show a model file\'s architecture, parameter count, metadata, training record and checksum status, reading only its header and hashing its tensor data.')
    .argument('<model>', 'model file (.safetensors)');
  return addCommonOptions(command).action(async (model, options) => setExitCode(await runInspect(model, options)));
}

/** Builds the `scratchnet` program. Actions report their exit code through `setExitCode`. */
export function createProgram(setExitCode: ExitCodeSink): Command {
  return new Command('scratchnet')
    .description('Train and run neural networks for handwritten digits (MNIST), written from scratch in TypeScript.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help for a command')
    .showSuggestionAfterError(true)
    .addCommand(createTrainCommand(setExitCode))
    .addCommand(createEvaluateCommand(setExitCode))
    .addCommand(createPredictCommand(setExitCode))
    .addCommand(createInspectCommand(setExitCode))
    .addHelpText('after', '\nExit codes: 0 success, 1 failure, 2 usage error, 130 training stopped by Ctrl-C (checkpoint saved).');
}
