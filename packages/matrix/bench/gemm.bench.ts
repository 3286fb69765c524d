// Measures gemm against the naive triple loop (gemmReference) on the shapes that
// training the reference 784-10-10 network uses, interleaving the two so that
// load from other processes hits both alike. Prints medians, GFLOP/s and the
// speed-up. Usage: pnpm bench [runs]   (default 5 runs per kernel and shape)

import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { Matrix, gemm } from '../src/index.js';
import type { GemmOptions } from '../src/index.js';
import { gemmReference } from '../src/gemm-reference.js';
import { Random } from '../src/random.js';

interface Case {
  name: string;
  /** Stored shapes [rows, cols] of A and B. */
  a: [number, number];
  b: [number, number];
  options: GemmOptions;
}

const cases: Case[] = [
  {
    name: 'forward  X·Wᵀ   [60000,784]·[10,784]ᵀ',
    a: [60000, 784],
    b: [10, 784],
    options: { transposeB: true },
  },
  {
    name: 'gradient dZᵀ·X  [60000,10]ᵀ·[60000,784]',
    a: [60000, 10],
    b: [60000, 784],
    options: { transposeA: true },
  },
  {
    name: 'batch    X·Wᵀ   [128,784]·[128,784]ᵀ',
    a: [128, 784],
    b: [128, 784],
    options: { transposeB: true },
  },
  { name: 'square   A·B     [512,512]·[512,512]', a: [512, 512], b: [512, 512], options: {} },
];

const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  throw new RangeError(`The run count must be a positive integer, got ${process.argv[2]}.`);
}

function randomFloat32(random: Random, length: number): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = random.uniform(-1, 1);
  return values;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function describeMachine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model =
      execFileSync('lscpu', { encoding: 'utf8' })
        .split('\n')
        .find((line) => line.startsWith('Model name'))
        ?.split(':')[1]
        ?.trim() ?? model;
  } catch {
    // lscpu is missing outside Linux, so the model from os.cpus() is used.
  }
  return `${model}, ${cpus().length} logical CPUs, Node ${process.version}`;
}

console.log(`gemm benchmark: median of ${runs} runs per kernel, float32, ${describeMachine()}`);
console.log(
  'shape                                      naive ms  GFLOP/s  blocked ms  GFLOP/s  speed-up',
);

const random = new Random(2024);
for (const { name, a: aShape, b: bShape, options } of cases) {
  const a = new Matrix(aShape[0], aShape[1], randomFloat32(random, aShape[0] * aShape[1]));
  const b = new Matrix(bShape[0], bShape[1], randomFloat32(random, bShape[0] * bShape[1]));
  const transposeA = options.transposeA ?? false;
  const transposeB = options.transposeB ?? false;
  const m = transposeA ? a.cols : a.rows;
  const k = transposeA ? a.rows : a.cols;
  const n = transposeB ? b.rows : b.cols;
  const naiveC = new Float32Array(m * n);
  const blockedC = new Matrix(m, n, new Float32Array(m * n));
  const runNaive = () =>
    gemmReference(naiveC, a.data, b.data, m, n, k, transposeA, transposeB, 1, 0);
  const runBlocked = () => gemm(blockedC, a, b, options);

  // One warm-up call each, then interleaved timed runs.
  runNaive();
  runBlocked();
  const naiveTimes: number[] = [];
  const blockedTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    naiveTimes.push(time(runNaive));
    blockedTimes.push(time(runBlocked));
  }

  // Both kernels must agree, or the timing means nothing. gemm rounds a float32 C at each
  // partial sum, so the allowed difference grows with K.
  let maxDifference = 0;
  let maxMagnitude = 0;
  for (let i = 0; i < naiveC.length; i++) {
    maxDifference = Math.max(maxDifference, Math.abs(naiveC[i] - blockedC.data[i]));
    maxMagnitude = Math.max(maxMagnitude, Math.abs(naiveC[i]));
  }
  const tolerance = k * 2 ** -23 * (1 + maxMagnitude);
  if (!(maxDifference <= tolerance)) {
    throw new Error(`${name}: gemm and the reference differ by ${maxDifference} (> ${tolerance}).`);
  }

  const flops = 2 * m * n * k;
  const naiveMs = median(naiveTimes);
  const blockedMs = median(blockedTimes);
  console.log(
    `${name.padEnd(42)} ${naiveMs.toFixed(1).padStart(8)}  ${(flops / naiveMs / 1e6).toFixed(2).padStart(7)}` +
      `  ${blockedMs.toFixed(1).padStart(10)}  ${(flops / blockedMs / 1e6).toFixed(2).padStart(7)}` +
      `  ${(naiveMs / blockedMs).toFixed(2).padStart(7)}x`,
  );
}
