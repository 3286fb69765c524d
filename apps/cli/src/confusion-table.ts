// Text tables for evaluation results: the confusion matrix and per-class precision and recall.

import { formatTable } from './text-format.js';

/**
 * Formats a confusion matrix [K, K] (rows = true class, columns = predicted class) as a table
 * with the row totals, for class names `classNames` [K].
 */
export function formatConfusionMatrix(confusion: number[][], classNames: string[]): string {
  const header = ['true \\ predicted', ...classNames, 'total'];
  const rows = confusion.map((counts, label) => [
    classNames[label],
    ...counts.map(String),
    String(counts.reduce((sum, count) => sum + count, 0)),
  ]);
  return formatTable([header, ...rows]);
}

/** Formats per-class precision, recall and F1 [K] as a table with percentages. */
export function formatClassMetrics(classNames: string[], precision: number[], recall: number[], f1: number[]): string {
  const header = ['class', 'precision', 'recall', 'f1'];
  const rows = classNames.map((name, label) => [
    name,
    `${(precision[label] * 100).toFixed(2)} %`,
    `${(recall[label] * 100).toFixed(2)} %`,
    `${(f1[label] * 100).toFixed(2)} %`,
  ]);
  return formatTable([header, ...rows]);
}
