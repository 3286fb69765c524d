// A save that fails part way must leave the existing file untouched and no temporary
// file behind. The write is made to fail for real: a child process runs under a
// file-size limit (ulimit -f), so its write gets EFBIG once the file passes the limit.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadModel } from './node.js';

const childScript = fileURLToPath(new URL('./test-save-process.ts', import.meta.url));
// The child resolves tsx from its working directory, so it runs in this package.
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const hasBash = spawnSync('bash', ['-c', 'ulimit -f 64'], { encoding: 'utf8' }).status === 0;

/** Runs the child save under a limit of `limitKiB` KiB per written file and returns its JSON line. */
function saveInChild(
  path: string,
  sizes: string,
  limitKiB?: number,
): { saved?: boolean; error?: string } {
  const limit = limitKiB === undefined ? '' : `ulimit -f ${limitKiB}; `;
  const result = spawnSync(
    'bash',
    ['-c', `${limit}exec node --import tsx "$0" "$1" "$2"`, childScript, path, sizes],
    {
      cwd: packageDirectory,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}');
}

describe.skipIf(!hasBash)('atomic save', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'model-format-atomic-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('failed write keeps the existing file', async () => {
    const path = join(directory, 'model.safetensors');
    expect(saveInChild(path, '4-3-2')).toEqual({ saved: true });
    const before = await readFile(path);

    // 784-128-10 takes about 400 KB, far past the 64 KiB limit.
    expect(saveInChild(path, '784-128-10', 64)).toEqual({ error: 'EFBIG' });

    expect(await readFile(path)).toEqual(before);
    expect((await loadModel(path)).metadata.architecture.sizes).toEqual([4, 3, 2]);
    expect(await readdir(directory)).toEqual(['model.safetensors']);
  }, 120_000);
});
