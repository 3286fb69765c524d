// Model loading for the commands, with one-line errors that name the file.

import { ModelFormatError, loadModel, readModelHeaderFromFile } from '@scratchnet/model-format/node';
import { CliError, errorMessage } from './cli-error.js';
import { fileReadError } from './image-file.js';

/** The model as the commands use it. */
export type LoadedModel = Awaited<ReturnType<typeof loadModel>>;
/** The header of a model file, read without its tensors. */
export type ModelHeader = Awaited<ReturnType<typeof readModelHeaderFromFile>>;

/** Loads a model file into a network, or throws a CliError naming the file (a `kind` file, e.g. checkpoint) and the fix. */
export async function loadModelFile(path: string, kind = 'model'): Promise<LoadedModel> {
  try {
    return await loadModel(path);
  } catch (error) {
    throw modelReadError(path, error, kind);
  }
}

/** Reads only the header of a model file, or throws a CliError naming the file and the fix. */
export async function readModelHeaderFile(path: string): Promise<ModelHeader> {
  try {
    return await readModelHeaderFromFile(path);
  } catch (error) {
    throw modelReadError(path, error);
  }
}

function modelReadError(path: string, error: unknown, kind = 'model'): CliError {
  // File-system errors (ENOENT, EACCES, ...) come from node:fs unchanged; every format error is a ModelFormatError.
  if (!(error instanceof ModelFormatError) && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return fileReadError(path, kind, error);
  }
  return new CliError(
    `${path} is not a valid scratchnet model: ${errorMessage(error)}; pass a .safetensors file written by 'scratchnet train'`,
    { cause: error },
  );
}

/** Checks that a network takes `pixelCount` inputs, naming the model and both sizes when it does not. */
export function checkInputSize(path: string, inputSize: number, pixelCount: number, dataDescription: string): void {
  if (inputSize !== pixelCount) {
    throw new CliError(
      `model ${path} expects ${inputSize} inputs, but ${dataDescription} has ${pixelCount} pixels per image; pass a model trained on ${pixelCount}-pixel images`,
    );
  }
}
