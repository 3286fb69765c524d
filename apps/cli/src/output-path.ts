// Checks the files `train` will write before any slow work, so a bad path never costs a run.

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readModelHeaderFromFile } from '@scratchnet/model-format/node';
import { CliError } from './cli-error.js';
import { displayPath } from './display-path.js';

/**
 * Checks that `path` can be written: its directory exists and is writable, it is not a
 * directory, and a file already there is a scratchnet model (never another kind of file).
 * `option` names the option or role of the path in the messages, e.g. `--out`.
 */
export async function checkWritableModelPath(path: string, option: string): Promise<void> {
  const shown = displayPath(path);
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    throw new CliError(`${option} ${shown} is a directory; pass a file path such as ${shown}/model.safetensors`);
  }
  const directory = dirname(path);
  const directoryInfo = await stat(directory).catch(() => null);
  if (!directoryInfo?.isDirectory()) {
    throw new CliError(`cannot write ${option} ${shown}: directory ${displayPath(directory)} does not exist; create it or pick another path`);
  }
  try {
    await access(directory, constants.W_OK);
  } catch {
    throw new CliError(`cannot write ${option} ${shown}: directory ${displayPath(directory)} is not writable; pick another path`);
  }
  if (info === null) {
    return;
  }
  const isModel = info.isFile() && (await readModelHeaderFromFile(path).then(() => true, () => false));
  if (!isModel) {
    throw new CliError(`${option} ${shown} exists and is not a scratchnet model; pick another path or delete the file`);
  }
}
