// Runs python/reference_numpy.py when python3 with NumPy is present. OPENBLAS_CORETYPE and
// OPENBLAS_L2_SIZE are removed for this command only: they pin old OpenBLAS builds to a safe
// kernel on some processors and would slow a current NumPy down.

import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'python', 'reference_numpy.py');
// Debian's python3-threadpoolctl lives here; NumPy wheels in another prefix can still use it.
const DEBIAN_PACKAGES = '/usr/lib/python3/dist-packages';

export interface NumpyResult {
  numpy: string;
  blas: unknown;
  jobs: { reference?: { iterations: number; seconds: number[]; testAccuracy: number }; adam?: { seconds: number[]; testAccuracy: number } };
}

/** Returns the NumPy version string, or null when python3 or NumPy is missing. */
export async function numpyVersion(): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('python3', ['-c', 'import numpy; print(numpy.__version__)']);
    return stdout.trim();
  } catch {
    return null;
  }
}

/**
 * Runs the NumPy jobs and returns the parsed result. `threads` caps OpenBLAS's threads; by
 * default it uses every core.
 */
export async function runNumpy(directory: string, jobs: string, iterations: number, runs: number, threads?: number): Promise<NumpyResult> {
  const environment = { ...process.env };
  delete environment.OPENBLAS_CORETYPE;
  delete environment.OPENBLAS_L2_SIZE;
  if (threads !== undefined) environment.OPENBLAS_NUM_THREADS = String(threads);
  environment.PYTHONPATH = [environment.PYTHONPATH, DEBIAN_PACKAGES].filter(Boolean).join(':');
  const { stdout } = await promisify(execFile)(
    'python3',
    [script, directory, '--jobs', jobs, '--iterations', String(iterations), '--runs', String(runs)],
    { env: environment, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as NumpyResult;
}
