// Evaluation of a trained network: accuracy, mean loss, confusion matrix, per-class precision,
// recall and F1, and the most confident mistakes.
//
// Letters: N = images, K = classes.

import { EvaluationPass, EVALUATION_TILE_ROWS } from './evaluation-pass.js';
import { validateLabeledImages } from './labeled-images.js';
import type { LabeledImages } from './labeled-images.js';
import type { Network } from './network.js';

/** One misclassified image. */
export interface Mistake {
  /** Row of the image in the evaluated data. */
  index: number;
  label: number;
  predicted: number;
  /** Probability the network gave to the predicted class. */
  probability: number;
}

/** Metrics of a network on a labelled data set. */
export interface Evaluation {
  /** Fraction of images whose predicted class (largest logit) is the label. */
  accuracy: number;
  /** Mean softmax cross-entropy. */
  loss: number;
  /** [K, K]: confusion[label][predicted] counts images. */
  confusion: number[][];
  /** [K]: of the images predicted as class k, the fraction labelled k (0 when none is predicted k). */
  precision: number[];
  /** [K]: of the images labelled k, the fraction predicted k (0 when none is labelled k). */
  recall: number[];
  /** [K]: harmonic mean of precision and recall (0 when both are 0). */
  f1: number[];
  /** The wrong predictions with the highest predicted probability, most confident first. */
  mistakes: Mistake[];
}

/** Default number of mistakes that evaluate() returns. */
export const DEFAULT_MISTAKE_COUNT = 10;

/**
 * Runs `network` on every image of `data` in batches of `batchSize` (default 1000) and returns
 * its metrics, with up to `mistakes` (default 10) most confident mistakes.
 */
export function evaluate(
  network: Network,
  data: LabeledImages,
  options: { batchSize?: number; mistakes?: number } = {},
): Evaluation {
  const { batchSize = EVALUATION_TILE_ROWS, mistakes: mistakeCount = DEFAULT_MISTAKE_COUNT } =
    options;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `evaluate: batchSize must be a positive integer, got ${String(batchSize)}.`,
    );
  }
  if (!Number.isSafeInteger(mistakeCount) || mistakeCount < 0) {
    throw new RangeError(
      `evaluate: mistakes must be a non-negative integer, got ${String(mistakeCount)}.`,
    );
  }
  const classCount = network.classCount;
  validateLabeledImages(data, network.inputSize, classCount, 'evaluation data');

  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  const mistakes: Mistake[] = [];
  const pass = new EvaluationPass(network, Math.min(batchSize, data.count));
  const totals = pass.run(data, null, 'cross-entropy', (views, labels, start) => {
    const probabilities = views.probabilities.data;
    for (let row = 0; row < labels.length; row++) {
      const label = labels[row];
      const predicted = views.predictions[row];
      confusion[label][predicted]++;
      if (predicted !== label && mistakeCount > 0) {
        const probability = probabilities[row * classCount + predicted];
        insertMistake(
          mistakes,
          { index: start + row, label, predicted, probability },
          mistakeCount,
        );
      }
    }
  });

  const { precision, recall, f1 } = precisionRecallF1(confusion);
  return {
    accuracy: totals.correct / totals.count,
    loss: totals.lossSum / totals.count,
    confusion,
    precision,
    recall,
    f1,
    mistakes,
  };
}

/** Computes per-class precision, recall and F1 from a confusion matrix [label][predicted]. */
export function precisionRecallF1(confusion: readonly (readonly number[])[]): {
  precision: number[];
  recall: number[];
  f1: number[];
} {
  const classCount = confusion.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  for (let k = 0; k < classCount; k++) {
    const truePositives = confusion[k][k];
    let predictedK = 0;
    let labelledK = 0;
    for (let other = 0; other < classCount; other++) {
      predictedK += confusion[other][k];
      labelledK += confusion[k][other];
    }
    const p = predictedK === 0 ? 0 : truePositives / predictedK;
    const r = labelledK === 0 ? 0 : truePositives / labelledK;
    precision.push(p);
    recall.push(r);
    f1.push(p + r === 0 ? 0 : (2 * p * r) / (p + r));
  }
  return { precision, recall, f1 };
}

// Keeps `mistakes` sorted by probability, highest first (earlier index first on ties), at most `limit` long.
function insertMistake(mistakes: Mistake[], mistake: Mistake, limit: number): void {
  if (mistakes.length === limit && mistakes[limit - 1].probability >= mistake.probability) return;
  let position = mistakes.length;
  while (position > 0 && mistakes[position - 1].probability < mistake.probability) position--;
  mistakes.splice(position, 0, mistake);
  if (mistakes.length > limit) mistakes.pop();
}
