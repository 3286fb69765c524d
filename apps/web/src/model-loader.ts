// Loading of a model file chosen by the user, through the file picker or by dropping it anywhere
// on the page. A bad file shows the format's error message and leaves the current model in place.
import { ModelFormatError } from '@scratchnet/model-format';
import { decodeModelFile, type LoadedModel } from './current-model';

export interface ModelLoaderElements {
  fileInput: HTMLInputElement;
  /** Shows the message of the last failed load; emptied by a successful one. */
  errorOutput: HTMLElement;
}

/**
 * Wires the file input and page-wide drag and drop. `onLoad` receives each model that decoded;
 * `onDropStart` runs when a file is dropped, so the page can switch to the model view.
 */
export function setUpModelLoader(
  elements: ModelLoaderElements,
  onLoad: (model: LoadedModel) => void,
  onDropStart: () => void,
): void {
  const { fileInput, errorOutput } = elements;

  async function load(file: File): Promise<void> {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const model = decodeModelFile(bytes, file.name, 'file');
      errorOutput.textContent = '';
      onLoad(model);
    } catch (error) {
      errorOutput.textContent = describeLoadError(file.name, error);
    }
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file !== undefined) void load(file);
    // Clearing the value lets the same file be chosen again after it was fixed on disk.
    fileInput.value = '';
  });

  // Drag and drop on the whole page; `dragover` must be cancelled for `drop` to fire.
  let depth = 0;
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth++;
    document.body.classList.add('is-dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) document.body.classList.remove('is-dragging');
  });
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    document.body.classList.remove('is-dragging');
    const file = event.dataTransfer?.files[0];
    if (file === undefined) return;
    onDropStart();
    void load(file);
  });
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

function describeLoadError(fileName: string, error: unknown): string {
  if (error instanceof ModelFormatError) return `${fileName} is not a valid scratchnet model: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `Loading ${fileName} failed: ${message}`;
}
