// Entry point: finds the page's elements, restores the last model (or the default one), and
// connects the draw, train, inspect and model views.
import './styles.css';
import { CurrentModel, decodeModelFile, downloadBytes, type LoadedModel } from './current-model';
import { setUpInspectPanel } from './inspect-panel';
import { renderMetadata, summarizeModel } from './metadata-panel';
import { setUpModelLoader } from './model-loader';
import { clearLastModel, loadLastModel, saveLastModel } from './model-store';
import { setUpPredictionPanel } from './prediction-panel';
import { setUpTabs } from './tabs';
import { TrainingCharts } from './training-charts';
import { TrainingClient } from './training-client';
import { setUpTrainingForm } from './training-form';
import { setUpTrainingPanel } from './training-panel';

const DEFAULT_MODEL_NAME = 'default.safetensors';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`The page has no element #${id}; index.html and main.ts are out of step.`);
  return found as T;
}

/** Resolves a file served with the app (from `public/`) against the page's base URL. */
function assetUrl(path: string): string {
  return new URL(`${import.meta.env.BASE_URL}${path}`, window.location.href).href;
}

const currentModel = new CurrentModel();
const modelError = element<HTMLElement>('model-error');

/** Makes `model` current and remembers it for the next visit. */
function useModel(model: LoadedModel): void {
  currentModel.set(model);
  saveLastModel({ name: model.name, bytes: model.bytes, savedAt: new Date().toISOString() }).catch((error: unknown) => {
    modelError.textContent = `The model is in use but could not be saved for the next visit: ${String(error)}`;
  });
}

async function fetchDefaultModel(): Promise<LoadedModel> {
  const url = assetUrl(`models/${DEFAULT_MODEL_NAME}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Fetching the default model from ${url} failed: HTTP ${response.status}.`);
  return decodeModelFile(new Uint8Array(await response.arrayBuffer()), DEFAULT_MODEL_NAME, 'default');
}

/** Loads the model remembered from the last visit, or the default one when there is none or it is unreadable. */
async function loadStartupModel(): Promise<LoadedModel> {
  try {
    const stored = await loadLastModel();
    if (stored !== null) return decodeModelFile(stored.bytes, stored.name, 'stored');
  } catch {
    // An unreadable store or file (private mode, a newer format) falls back to the default model.
  }
  return fetchDefaultModel();
}

// Header
const summary = element<HTMLElement>('model-summary');
currentModel.subscribe((model) => {
  summary.textContent = summarizeModel(model);
  summary.dataset.source = model.source;
});

// Worker and MNIST loading indicator
const client = new TrainingClient({
  trainImages: assetUrl('mnist/train-images-idx3-ubyte.gz'),
  trainLabels: assetUrl('mnist/train-labels-idx1-ubyte.gz'),
  testImages: assetUrl('mnist/t10k-images-idx3-ubyte.gz'),
  testLabels: assetUrl('mnist/t10k-labels-idx1-ubyte.gz'),
});
const dataStatus = element<HTMLElement>('data-status');
const dataProgress = element<HTMLProgressElement>('data-progress');
client.subscribe((message) => {
  if (message.type === 'data-progress') {
    dataStatus.hidden = false;
    if (message.total > 0) dataProgress.value = message.loaded / message.total;
    else dataProgress.removeAttribute('value');
  } else if (message.type === 'data-ready') {
    dataStatus.hidden = true;
  }
});

// Draw view
setUpPredictionPanel(
  {
    canvas: element('drawing-canvas'),
    clear: element('clear-button'),
    prompt: element('canvas-prompt'),
    prediction: element('prediction'),
    bars: element('probability-bars'),
    networkInput: element('network-input'),
  },
  currentModel,
);

// Train view
const trainingElements = {
  form: element<HTMLFormElement>('training-form'),
  preset: element<HTMLSelectElement>('train-preset'),
  presetHelp: element<HTMLElement>('train-preset-help'),
  sizes: element<HTMLInputElement>('train-sizes'),
  activation: element<HTMLSelectElement>('train-activation'),
  optimizer: element<HTMLSelectElement>('train-optimizer'),
  learningRate: element<HTMLInputElement>('train-learning-rate'),
  batchSize: element<HTMLInputElement>('train-batch-size'),
  epochs: element<HTMLInputElement>('train-epochs'),
  seed: element<HTMLInputElement>('train-seed'),
  pause: element<HTMLButtonElement>('train-pause'),
  stop: element<HTMLButtonElement>('train-stop'),
  download: element<HTMLButtonElement>('train-download'),
  status: element<HTMLElement>('training-status'),
  error: element<HTMLElement>('training-error'),
};
setUpTrainingForm(trainingElements);
const charts = new TrainingCharts(element('loss-chart'), element('accuracy-chart'));
setUpTrainingPanel(trainingElements, client, charts, ({ bytes, fileName }) => {
  try {
    useModel(decodeModelFile(bytes, fileName, 'trained'));
  } catch (error) {
    trainingElements.error.textContent = `The trained model could not be read back: ${String(error)}`;
  }
});

// Inspect view
const inspect = setUpInspectPanel(
  {
    weights: element('weights-canvas'),
    evaluate: element('evaluate-button'),
    status: element('evaluation-status'),
    confusion: element('confusion-matrix'),
    mistakes: element('mistakes-gallery'),
  },
  currentModel,
  client,
);

// Model view
const metadataList = element<HTMLDListElement>('model-metadata');
currentModel.subscribe((model) => renderMetadata(metadataList, model));
const tabs = setUpTabs(element('tabs'), (panelId) => {
  if (panelId === 'view-inspect') inspect.show();
});
setUpModelLoader({ fileInput: element('model-file'), errorOutput: modelError }, useModel, () => tabs.show('view-model'));
element<HTMLButtonElement>('model-download').addEventListener('click', () => {
  const model = currentModel.value;
  if (model !== null) downloadBytes(model.bytes, model.name.endsWith('.safetensors') ? model.name : `${model.name}.safetensors`);
});
element<HTMLButtonElement>('model-reset').addEventListener('click', () => {
  fetchDefaultModel()
    .then((model) => {
      modelError.textContent = '';
      currentModel.set(model);
      return clearLastModel();
    })
    .catch((error: unknown) => {
      modelError.textContent = error instanceof Error ? error.message : String(error);
    });
});

loadStartupModel()
  .then((model) => currentModel.set(model))
  .catch((error: unknown) => {
    summary.textContent = `No model could be loaded: ${error instanceof Error ? error.message : String(error)}`;
    modelError.textContent = summary.textContent;
  });
