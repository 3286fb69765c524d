// The inspect view: first-layer weights of the current model, and its confusion matrix and
// mistakes on the test set, evaluated in the worker when the view opens.
import type { CurrentModel, LoadedModel } from './current-model';
import { renderConfusionMatrix } from './confusion-heat-map';
import { formatPercent } from './metadata-panel';
import { renderMistakes } from './mistakes-gallery';
import type { TrainingClient } from './training-client';
import { renderFirstLayerWeights } from './weights-view';

/** Misclassified digits shown in the gallery. */
const MISTAKE_COUNT = 48;

export interface InspectPanelElements {
  weights: HTMLCanvasElement;
  evaluate: HTMLButtonElement;
  status: HTMLElement;
  confusion: HTMLElement;
  mistakes: HTMLElement;
}

/** Wires the view; call the returned `show` whenever the view becomes visible. */
export function setUpInspectPanel(
  elements: InspectPanelElements,
  currentModel: CurrentModel,
  client: TrainingClient,
): { show(): void } {
  let evaluated: LoadedModel | null = null;
  let evaluating = false;

  currentModel.subscribe((model) => {
    renderFirstLayerWeights(elements.weights, model.network);
    elements.status.textContent = 'Not evaluated yet.';
    elements.confusion.replaceChildren();
    elements.mistakes.replaceChildren();
    evaluated = null;
  });

  async function evaluateCurrent(): Promise<void> {
    const model = currentModel.value;
    if (model === null || evaluating) return;
    evaluating = true;
    elements.evaluate.disabled = true;
    elements.status.textContent = `Evaluating ${model.name} on the test set…`;
    try {
      const result = await client.evaluate(model.bytes, MISTAKE_COUNT);
      // A model loaded while the worker was busy makes this result stale.
      if (currentModel.value !== model) return;
      const labels = model.metadata.classLabels;
      renderConfusionMatrix(elements.confusion, result.confusion, labels);
      renderMistakes(elements.mistakes, result.mistakes, result.mistakeImages, labels);
      const { total, errors } = countErrors(result.confusion);
      elements.status.textContent = `Test accuracy ${formatPercent(result.accuracy)}, loss ${result.loss.toFixed(4)}: ${errors.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} digits misclassified; the ${result.mistakes.length} most confident mistakes are shown.`;
      evaluated = model;
    } catch (error) {
      elements.status.textContent = `Evaluation failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      evaluating = false;
      elements.evaluate.disabled = false;
    }
  }

  elements.evaluate.addEventListener('click', () => void evaluateCurrent());

  return {
    show(): void {
      if (evaluated !== currentModel.value) void evaluateCurrent();
    },
  };
}

function countErrors(confusion: number[][]): { total: number; errors: number } {
  let total = 0;
  let correct = 0;
  confusion.forEach((row, truth) => {
    row.forEach((count) => (total += count));
    correct += row[truth];
  });
  return { total, errors: total - correct };
}
