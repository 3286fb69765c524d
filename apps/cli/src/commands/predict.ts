// `scratchnet predict`: classifies image files, or test images by index, with a trained model.
// Images pass through the same preprocessDigit as the web app, so both see the same 28×28 input.

import { preprocessDigit } from '@scratchnet/mnist';
import type { RasterImage } from '@scratchnet/mnist';
import type { Network } from '@scratchnet/network';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.js';
import { renderDigit } from '../digit-render.js';
import { readImageFile } from '../image-file.js';
import { loadMnistTestSet } from '../mnist-source.js';
import { checkInputSize, loadModelFile } from '../model-file.js';
import { Output } from '../output.js';
import { formatPercent } from '../text-format.js';

/** Options of `scratchnet predict` as commander parses them. */
export interface PredictCommandOptions {
  index?: number;
  data?: string;
  show: boolean;
  json: boolean;
  quiet: boolean;
}

/** Side length of the images the preprocessing produces. */
const DIGIT_SIZE = 28;

/** Runs `scratchnet predict` and returns the exit code. */
export async function runPredict(modelPath: string, imagePaths: string[], options: PredictCommandOptions): Promise<number> {
  if (imagePaths.length === 0 && options.index === undefined) {
    throw new CliError("predict needs at least one image file or --index <n>; see 'scratchnet predict --help'", { exitCode: EXIT_USAGE });
  }
  const output = new Output(options);
  const { network, metadata } = await loadModelFile(modelPath);
  const classLabels = metadata.classLabels;
  let exitCode = 0;

  if (options.index !== undefined) {
    const mnist = await loadMnistTestSet(options.data, { quiet: options.quiet });
    const test = mnist.test;
    if (options.index >= test.count) {
      throw new CliError(`--index ${options.index} is out of range; the test set has images 0 to ${test.count - 1}`);
    }
    checkInputSize(modelPath, network.layers[0].inputSize, test.pixelCount, `the test set of ${mnist.name}`);
    const input = test.gatherNormalized(new Float32Array(test.pixelCount), [options.index]);
    const label = test.labels[options.index];
    if (options.show) {
      output.result(renderDigit(test.image(options.index), test.cols, test.rows));
    }
    const ranking = rankClasses(network, input);
    const verdict = ranking[0].label === label ? 'correct' : 'wrong';
    output.result(`test image ${options.index}: ${describeRanking(ranking, classLabels)}  true ${classLabels[label]} (${verdict})`);
    output.record({ type: 'prediction', index: options.index, label, ...predictionRecord(ranking) });
  }

  if (imagePaths.length > 0) {
    checkInputSize(modelPath, network.layers[0].inputSize, DIGIT_SIZE * DIGIT_SIZE, `predict (28×28 images)`);
  }
  // Every image is tried; a failed one is reported on its own line and the command exits with 1 at the end.
  for (const imagePath of imagePaths) {
    let image: RasterImage;
    try {
      image = await readImageFile(imagePath);
    } catch (error) {
      if (!(error instanceof CliError)) {
        throw error;
      }
      process.stderr.write(`scratchnet: error: ${error.message}\n`);
      output.record({ type: 'error', image: imagePath, message: error.message, exitCode: EXIT_FAILURE });
      exitCode = EXIT_FAILURE;
      continue;
    }
    const digit = preprocessDigit(image);
    if (digit === null) {
      output.result(`${imagePath}: no digit found (the image has no ink that stands out from its background)`);
      output.record({ type: 'prediction', image: imagePath, digit: null, error: 'no digit found' });
      exitCode = EXIT_FAILURE;
      continue;
    }
    if (options.show) {
      output.result(renderDigit(digit.pixels, DIGIT_SIZE, DIGIT_SIZE));
    }
    const ranking = rankClasses(network, digit.input);
    output.result(`${imagePath}: ${describeRanking(ranking, classLabels)}`);
    output.record({ type: 'prediction', image: imagePath, ...predictionRecord(ranking) });
  }
  return exitCode;
}

interface RankedClass {
  label: number;
  probability: number;
}

/** Runs the network on one input [I] and returns every class, most probable first. */
function rankClasses(network: Network, input: Float32Array): RankedClass[] {
  const probabilities = network.predictProbabilities(input, 1);
  return Array.from(probabilities, (probability, label) => ({ label, probability })).sort((a, b) => b.probability - a.probability);
}

/** Formats `7 (98.12 %)  top 3: 7 98.12 %, 9 1.02 %, 1 0.40 %`. */
function describeRanking(ranking: RankedClass[], classLabels: string[]): string {
  const top = ranking.slice(0, 3).map(({ label, probability }) => `${classLabels[label] ?? label} ${formatPercent(probability)}`);
  return `${classLabels[ranking[0].label] ?? ranking[0].label} (${formatPercent(ranking[0].probability)})  top 3: ${top.join(', ')}`;
}

/** Returns the digit, its probability and all class probabilities in class order. */
function predictionRecord(ranking: RankedClass[]): { digit: number; probability: number; probabilities: number[] } {
  const probabilities = new Array<number>(ranking.length);
  for (const { label, probability } of ranking) {
    probabilities[label] = probability;
  }
  return { digit: ranking[0].label, probability: ranking[0].probability, probabilities };
}
