import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { IdxFormatError } from '../errors.js';
import { encodeIdx } from '../idx-codec.js';
import type { IdxTensor } from '../idx-codec.js';
import { readIdxFile, writeIdxFile } from './idx-file.js';
import { gzipBytes, temporaryDirectory } from './test-fixtures.js';

const tensor: IdxTensor = {
  type: 'i16',
  shape: [2, 3],
  data: Int16Array.of(-3, -2, -1, 1, 2, 300),
};

let directory: string;
beforeEach(async () => {
  directory = await temporaryDirectory();
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('readIdxFile', () => {
  it('reads gzip under a plain name', async () => {
    const path = join(directory, 'train-labels-idx1-ubyte');
    await writeFile(path, gzipBytes(encodeIdx(tensor)));

    expect(await readIdxFile(path)).toEqual(tensor);
  });

  it('reads raw IDX under a .gz name', async () => {
    const path = join(directory, 'train-labels-idx1-ubyte.gz');
    await writeFile(path, encodeIdx(tensor));

    expect(await readIdxFile(path)).toEqual(tensor);
  });

  it('describes HTML saved as .gz', async () => {
    const path = join(directory, 'train-images-idx3-ubyte.gz');
    await writeFile(
      path,
      '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>\n',
    );

    await expect(readIdxFile(path)).rejects.toThrow(IdxFormatError);
    await expect(readIdxFile(path)).rejects.toThrow(
      `${path}: not an IDX file (expected the magic 00 00 <type> <rank>); it looks like an HTML page ` +
        '(an error page or a login page saved instead of the data?); first bytes: 3c 21 44 4f 43 54 59 50 45 20 68 74 6d 6c 3e 0a ...',
    );
  });

  it('rejects corrupt gzip', async () => {
    const path = join(directory, 'broken.gz');
    const compressed = gzipBytes(
      encodeIdx({ type: 'u8', shape: [4000], data: new Uint8Array(4000).fill(3) }),
    );
    await writeFile(path, compressed.subarray(0, compressed.length - 12));

    await expect(readIdxFile(path)).rejects.toThrow(
      new RegExp(`${path}: gzip decompression failed \\(.+\\); the file is corrupt or truncated`),
    );
  });

  it('reports a missing file', async () => {
    await expect(readIdxFile(join(directory, 'absent'))).rejects.toThrow(/ENOENT/);
  });
});

describe('writeIdxFile', () => {
  it('writes raw and gzip files', async () => {
    const rawPath = join(directory, 'raw.idx');
    const gzipPath = join(directory, 'packed.idx.gz');
    await writeIdxFile(rawPath, tensor);
    await writeIdxFile(gzipPath, tensor, { gzip: true });

    const raw = await readFile(rawPath);
    const packed = await readFile(gzipPath);
    expect(new Uint8Array(raw)).toEqual(encodeIdx(tensor));
    expect([packed[0], packed[1]]).toEqual([0x1f, 0x8b]);
    expect(await readIdxFile(gzipPath)).toEqual(tensor);
  });
});
