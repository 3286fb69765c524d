// Runs every benchmark side by side and prints one Markdown table of medians with ratios
// against scratchnet's wasm backend measured in the same run. Systems take turns run by run,
// so a burst of load from other processes hits all of them alike.
//
// Usage: tsx src/run-all.ts [--runs N] [--quick]
//   --runs N   timed runs per cell (default 5)
//   --quick    fewer iterations everywhere, for checking that the script works

import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { presets } from '@scratchnet/network';

import { loadBenchmarkData } from './mnist-arrays.js';
import { numpyVersion, runNumpy } from './numpy-jobs.js';
import { ADAM_SPEC, inferenceSeconds, trainAdam, trainReference } from './scratchnet-jobs.js';
import { markdownTable, median } from './statistics.js';
import { tfjsAdamEpochSeconds, tfjsInferenceSeconds, tfjsTensors, useTfjsBackend } from './tfjs-jobs.js';

const argumentsList = process.argv.slice(2);
const runs = Number(argumentsList[argumentsList.indexOf('--runs') + 1] ?? 5) || 5;
const quick = argumentsList.includes('--quick');

const REFERENCE_ITERATIONS = 500;
const EPOCH_STEPS = Math.ceil(60000 / 128);
// Slow systems run a fraction of the job, scaled up linearly, and the table notes it.
const reference = { wasm: quick ? 50 : 500, js: quick ? 2 : 5, numpy: quick ? 10 : 50 };
const adamSteps = { wasm: quick ? 94 : EPOCH_STEPS, js: quick ? 20 : 94, tfjsWasm: quick ? 94 : EPOCH_STEPS, tfjsCpu: quick ? 20 : 94, numpy: EPOCH_STEPS };

interface Cell {
  benchmark: string;
  system: string;
  /** seconds of each timed run, already scaled to the full job */
  seconds: number[];
  note: string;
  accuracy?: number[];
}

const cells: Cell[] = [];
function cell(benchmark: string, system: string, note = ''): Cell {
  let found = cells.find((entry) => entry.benchmark === benchmark && entry.system === system);
  if (found === undefined) {
    found = { benchmark, system, seconds: [], note };
    cells.push(found);
  }
  return found;
}

function numpyName(threads: number | undefined): string {
  return threads === undefined ? 'NumPy float32 (OpenBLAS, all cores)' : `NumPy float32 (OpenBLAS, ${threads} thread)`;
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

const data = await loadBenchmarkData();
const numpy = await numpyVersion();
const tfjsWasm = await useTfjsBackend('wasm');
const strongSpec = presets.strong.spec;
progress(`numpy ${numpy ?? 'missing'}, tfjs ${tfjsWasm}, ${runs} runs per cell${quick ? ' (quick)' : ''}`);

// Tensors for tfjs are built once per backend switch and are not timed.
let blas: unknown = null;
for (let run = 0; run < runs; run++) {
  progress(`run ${run + 1}/${runs}: reference`);
  const scale = (iterations: number) => REFERENCE_ITERATIONS / iterations;
  const fullBatch = 'Reference preset, 500 full-batch iterations (s)';
  const wasm = await trainReference('wasm', reference.wasm, run + 1, data);
  cell(fullBatch, 'scratchnet wasm', reference.wasm < REFERENCE_ITERATIONS ? `${reference.wasm} iterations, scaled` : '').seconds.push(wasm.seconds * scale(reference.wasm));
  if (reference.wasm === REFERENCE_ITERATIONS) (cell(fullBatch, 'scratchnet wasm').accuracy ??= []).push(wasm.testAccuracy);
  const js = await trainReference('js', reference.js, run + 1, data);
  cell(fullBatch, 'scratchnet js', `${reference.js} iterations, scaled`).seconds.push(js.seconds * scale(reference.js));
  // OpenBLAS threads spin while they wait, so on a machine shared with other work its
  // two-thread runs can be far slower than one thread; both are measured.
  for (const threads of numpy === null ? [] : [undefined, 1]) {
    const result = await runNumpy(data.directory, 'reference', reference.numpy, 1, threads);
    if (threads === undefined) blas = result.blas;
    cell(fullBatch, numpyName(threads), `${reference.numpy} iterations, scaled`).seconds.push((result.jobs.reference?.seconds[0] ?? NaN) * scale(reference.numpy));
  }

  progress(`run ${run + 1}/${runs}: adam`);
  const epoch = 'One epoch, 784-128-10 ReLU, Adam, batch 128 (s)';
  const epochScale = (steps: number) => EPOCH_STEPS / steps;
  const adamWasm = await trainAdam('wasm', adamSteps.wasm, run + 1, data);
  cell(epoch, 'scratchnet wasm', adamSteps.wasm < EPOCH_STEPS ? `${adamSteps.wasm} steps, scaled` : '').seconds.push(adamWasm.seconds * epochScale(adamSteps.wasm));
  const adamJs = await trainAdam('js', adamSteps.js, run + 1, data);
  cell(epoch, 'scratchnet js', `${adamSteps.js} steps, scaled`).seconds.push(adamJs.seconds * epochScale(adamSteps.js));
  for (const backend of ['wasm', 'cpu'] as const) {
    await useTfjsBackend(backend);
    const steps = backend === 'wasm' ? adamSteps.tfjsWasm : adamSteps.tfjsCpu;
    const rows = Math.min(60000, steps * 128);
    const tensors = tfjsTensors(data.train, rows);
    const seconds = await tfjsAdamEpochSeconds(ADAM_SPEC, tensors);
    tensors.xs.dispose();
    tensors.ys.dispose();
    cell(epoch, `TensorFlow.js ${backend}`, steps < EPOCH_STEPS ? `${steps} steps, scaled` : '').seconds.push(seconds * (60000 / rows));
  }
  for (const threads of numpy === null ? [] : [undefined, 1]) {
    const result = await runNumpy(data.directory, 'adam', 1, 1, threads);
    cell(epoch, numpyName(threads)).seconds.push(result.jobs.adam?.seconds[0] ?? NaN);
  }

  progress(`run ${run + 1}/${runs}: inference`);
  const inference = `Inference, 10,000 test images, ${strongSpec.sizes.join('-')} (s)`;
  cell(inference, 'scratchnet wasm').seconds.push(await inferenceSeconds('wasm', strongSpec, data.test));
  cell(inference, 'scratchnet js').seconds.push(await inferenceSeconds('js', strongSpec, data.test));
  for (const backend of ['wasm', 'cpu'] as const) {
    await useTfjsBackend(backend);
    const { xs, ys } = tfjsTensors(data.test, data.test.count);
    cell(inference, `TensorFlow.js ${backend}`).seconds.push(await tfjsInferenceSeconds(strongSpec, xs));
    xs.dispose();
    ys.dispose();
  }
}

// Peak memory: one child process per backend, so each maxRSS belongs to one run alone.
progress('memory');
const memoryScript = join(dirname(fileURLToPath(import.meta.url)), 'reference-memory.ts');
const memoryRows: string[][] = [];
for (const [backend, iterations] of [['wasm', quick ? 50 : 500], ['js', reference.js], ['none', 0]] as const) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', memoryScript, backend, String(iterations)], { maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout) as { maxRssMiB: number; seconds: number };
  const label = backend === 'none' ? 'MNIST loaded, no training' : `reference preset, ${iterations} iterations, ${backend}`;
  memoryRows.push([label, result.maxRssMiB.toFixed(0), result.seconds.toFixed(1)]);
}

// Report.
const lines: string[] = [];
lines.push(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} logical CPUs, Node ${process.version}`);
lines.push(`NumPy: ${numpy ?? 'not installed'}${blas === null ? '' : `, BLAS ${JSON.stringify(blas)}`}`);
lines.push(`TensorFlow.js 4.22: ${tfjsWasm}`);
lines.push(`Runs per cell: ${runs} (median shown)${quick ? ', quick mode' : ''}`);
lines.push('');
const rows: string[][] = [];
for (const benchmark of [...new Set(cells.map((entry) => entry.benchmark))]) {
  const baseline = median(cell(benchmark, 'scratchnet wasm').seconds);
  for (const entry of cells.filter((candidate) => candidate.benchmark === benchmark)) {
    const seconds = median(entry.seconds);
    const images = benchmark.startsWith('Inference') ? `${Math.round(10000 / seconds).toLocaleString('en-US')} images/s` : '';
    const accuracy = entry.accuracy === undefined ? '' : `test accuracy ${(100 * median(entry.accuracy)).toFixed(2)} %`;
    rows.push([
      benchmark,
      entry.system,
      seconds < 1 ? seconds.toFixed(4) : seconds.toFixed(2),
      entry.system === 'scratchnet wasm' ? '1.00' : (seconds / baseline).toFixed(2),
      [entry.note, images, accuracy].filter(Boolean).join('; '),
    ]);
  }
}
lines.push(markdownTable(['Benchmark', 'System', 'Median', '× scratchnet wasm time', 'Notes'], rows));
lines.push('');
lines.push(markdownTable(['Peak memory (maxRSS)', 'MiB', 'Seconds'], memoryRows));
console.log(lines.join('\n'));
