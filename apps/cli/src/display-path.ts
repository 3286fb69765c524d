// Paths as the CLI prints them: relative to the working directory when the file is inside it.

import { isAbsolute, relative } from 'node:path';

/** Returns `path` relative to the working directory when it lies inside it, else `path` unchanged. */
export function displayPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath)) {
    return path;
  }
  return relativePath;
}
