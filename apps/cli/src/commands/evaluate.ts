// `scratchnet evaluate`: accuracy, loss, confusion matrix and per-class metrics on the test set.

import { evaluate } from '@scratchnet/network';
import { formatClassMetrics, formatConfusionMatrix } from '../confusion-table.js';
import { describeDataSource, loadMnistTestSet } from '../mnist-source.js';
import { checkInputSize, loadModelFile } from '../model-file.js';
import { Output } from '../output.js';
import { formatKeyValues, formatPercent, formatTable } from '../text-format.js';

/** Options of `scratchnet evaluate` as commander parses them. */
export interface EvaluateCommandOptions {
  data?: string;
  mistakes: number;
  json: boolean;
  quiet: boolean;
}

/** Runs `scratchnet evaluate` and returns the exit code. */
export async function runEvaluate(modelPath: string, options: EvaluateCommandOptions): Promise<number> {
  const output = new Output(options);
  const { network, metadata } = await loadModelFile(modelPath);
  const mnist = await loadMnistTestSet(options.data, { quiet: options.quiet });
  const test = mnist.test;
  checkInputSize(modelPath, network.layers[0].inputSize, test.pixelCount, `the test set of ${mnist.name}`);

  const evaluation = evaluate(network, test, { mistakes: options.mistakes });
  const classNames = metadata.classLabels.length === test.classCount ? metadata.classLabels : test.classNames;

  if (options.quiet) {
    output.result(`${modelPath}: accuracy ${formatPercent(evaluation.accuracy)}  loss ${evaluation.loss.toFixed(4)}  (${test.count} test images)`);
  }
  output.info(
    formatKeyValues([
      ['model', modelPath],
      ['data', `${describeDataSource(options.data)}, ${test.count} test images`],
      ['accuracy', formatPercent(evaluation.accuracy)],
      ['loss', evaluation.loss.toFixed(4)],
    ]),
  );
  output.info('\nconfusion matrix (rows: true class, columns: predicted class)');
  output.info(formatConfusionMatrix(evaluation.confusion, classNames));
  output.info('\nper class');
  output.info(formatClassMetrics(classNames, evaluation.precision, evaluation.recall, evaluation.f1));
  if (evaluation.mistakes.length > 0) {
    output.info('\nmost confident mistakes');
    output.info(
      formatTable([
        ['test index', 'true', 'predicted', 'probability'],
        ...evaluation.mistakes.map((mistake) => [
          String(mistake.index),
          classNames[mistake.label],
          classNames[mistake.predicted],
          formatPercent(mistake.probability),
        ]),
      ]),
    );
  }

  output.record({
    type: 'evaluation',
    model: modelPath,
    data: options.data ?? 'embedded',
    count: test.count,
    accuracy: evaluation.accuracy,
    loss: evaluation.loss,
    classLabels: classNames,
    confusion: evaluation.confusion,
    precision: evaluation.precision,
    recall: evaluation.recall,
    f1: evaluation.f1,
    mistakes: evaluation.mistakes,
  });
  return 0;
}
