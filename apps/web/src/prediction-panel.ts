// The draw view's logic: after each change of the drawing (at most once per animation frame) the
// canvas pixels go through the shared MNIST preprocessing and the current network.
import { preprocessDigit, type PreprocessedDigit } from '@scratchnet/mnist';
import type { CurrentModel } from './current-model';
import { DrawingCanvas } from './drawing-canvas';
import { context2d, drawGrayscale } from './grayscale-image';
import { ProbabilityBars } from './probability-bars';

export interface PredictionPanelElements {
  canvas: HTMLCanvasElement;
  clear: HTMLButtonElement;
  prompt: HTMLElement;
  /** Live region announcing the predicted digit when a stroke ends. */
  prediction: HTMLElement;
  bars: HTMLOListElement;
  networkInput: HTMLCanvasElement;
}

const EMPTY_MESSAGE = 'Draw a digit to see the prediction.';

export function setUpPredictionPanel(elements: PredictionPanelElements, currentModel: CurrentModel): DrawingCanvas {
  let bars: ProbabilityBars | null = null;
  let barLabels = '';
  let frameRequested = false;
  let announce = false;
  const inputContext = context2d(elements.networkInput);

  const drawing = new DrawingCanvas(elements.canvas, {
    onChange: schedulePrediction,
    onStrokeEnd: () => {
      announce = true;
      schedulePrediction();
    },
  });
  elements.clear.addEventListener('click', () => drawing.clear());
  currentModel.subscribe(() => {
    announce = true;
    schedulePrediction();
  });

  function schedulePrediction(): void {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      predict();
    });
  }

  function predict(): void {
    const model = currentModel.value;
    if (model === null) return;
    const labels = model.metadata.classLabels;
    if (bars === null || barLabels !== labels.join()) {
      bars = new ProbabilityBars(elements.bars, labels);
      barLabels = labels.join();
    }

    // The canvas is white with black ink; preprocessDigit inverts it to MNIST's white-on-black.
    const digit: PreprocessedDigit | null = drawing.isEmpty
      ? null
      : preprocessDigit(toRaster(drawing.imageData()), { background: 'light' });
    elements.prompt.hidden = digit !== null;
    if (digit === null) {
      bars.reset();
      inputContext.clearRect(0, 0, 28, 28);
      elements.prediction.textContent = EMPTY_MESSAGE;
      elements.prediction.dataset.predicted = '';
      announce = false;
      return;
    }

    drawGrayscale(inputContext, digit.pixels, 28, 28);
    const probabilities = model.network.predictProbabilities(digit.input);
    let predicted = 0;
    for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[predicted]) predicted = k;
    bars.show(probabilities, predicted);

    // Rewriting the live region on every stroke segment would flood screen readers, so the text
    // changes only when a stroke ends.
    if (announce) {
      announce = false;
      const percent = (100 * probabilities[predicted]).toFixed(1);
      elements.prediction.replaceChildren('Prediction: ', strong(labels[predicted]), ` (${percent} %)`);
      elements.prediction.dataset.predicted = labels[predicted];
    }
  }

  return drawing;
}

function toRaster(image: ImageData): { width: number; height: number; channels: 4; data: Uint8ClampedArray } {
  return { width: image.width, height: image.height, channels: 4, data: image.data };
}

function strong(text: string): HTMLElement {
  const element = document.createElement('strong');
  element.textContent = text;
  return element;
}
