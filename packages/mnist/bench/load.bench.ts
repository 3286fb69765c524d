// Measures how long loading MNIST takes from the raw embedded files and from
// gzip copies, and the peak memory of doing so. Every measurement runs in a
// fresh child process, so each peak RSS (getrusage maxRSS) belongs to one load.
//
// Usage: pnpm --filter @scratchnet/mnist bench [-- --runs 7 --out FILE]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { embeddedMnistPaths, loadMnist, MNIST_FILE_KEYS } from '../src/node.js';

type Scenario = 'empty' | 'read-raw' | 'load-raw' | 'load-gzip' | 'gather';

interface Measurement {
  milliseconds: number;
  maxRssMegabytes: number;
  arrayBuffersMegabytes: number;
}

const MEGABYTE = 1024 * 1024;

// Child: one measurement, printed as JSON on stdout.
async function measure(scenario: Scenario, gzipDirectory: string): Promise<Measurement> {
  const paths = embeddedMnistPaths();
  const start = performance.now();
  let keep: unknown;
  if (scenario === 'read-raw') {
    keep = await Promise.all(MNIST_FILE_KEYS.map((key) => readFile(paths[key])));
  } else if (scenario === 'load-raw') {
    keep = await loadMnist();
  } else if (scenario === 'load-gzip') {
    keep = await loadMnist({ directory: gzipDirectory });
  } else if (scenario === 'gather') {
    // Gathers the whole training set as float32 batches of 100, as training does.
    const { train } = await loadMnist();
    const gatherStart = performance.now();
    const out = new Float32Array(100 * train.pixelCount);
    const indices = new Int32Array(100);
    for (let first = 0; first < train.count; first += 100) {
      for (let i = 0; i < 100; i++) indices[i] = first + i;
      train.gatherNormalized(out, indices);
    }
    keep = out;
    const milliseconds = performance.now() - gatherStart;
    return { milliseconds, ...memory() };
  }
  const milliseconds = performance.now() - start;
  if (keep === undefined && scenario !== 'empty') throw new Error('nothing loaded');
  return { milliseconds, ...memory() };
}

function memory(): Omit<Measurement, 'milliseconds'> {
  return {
    maxRssMegabytes: process.resourceUsage().maxRSS / 1024,
    arrayBuffersMegabytes: process.memoryUsage().arrayBuffers / MEGABYTE,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Parent: runs every scenario `runs` times in fresh processes and writes the report.
async function main(): Promise<void> {
  const argument = (name: string): string | undefined => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? process.argv[index + 1] : undefined;
  };
  const runs = Number(argument('--runs') ?? 7);
  // The report always goes to stdout; --out FILE also writes it to a file.
  const outPath = argument('--out');

  // Gzip copies of the embedded files, made once.
  const gzipDirectory = mkdtempSync(join(tmpdir(), 'scratchnet-mnist-bench-'));
  const paths = embeddedMnistPaths();
  const names = {
    trainImages: 'train-images-idx3-ubyte.gz',
    trainLabels: 'train-labels-idx1-ubyte.gz',
    testImages: 't10k-images-idx3-ubyte.gz',
    testLabels: 't10k-labels-idx1-ubyte.gz',
  };
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const key of MNIST_FILE_KEYS) {
    const raw = readFileSync(paths[key]);
    const packed = gzipSync(raw);
    rawBytes += raw.length;
    gzipBytes += packed.length;
    writeFileSync(join(gzipDirectory, names[key]), packed);
  }

  const scenarios: Scenario[] = ['empty', 'read-raw', 'load-raw', 'load-gzip', 'gather'];
  const results = new Map<Scenario, Measurement[]>(scenarios.map((scenario) => [scenario, []]));
  const self = fileURLToPath(import.meta.url);
  try {
    // Interleave scenarios so that machine load drifts affect all of them alike.
    for (let run = 0; run < runs; run++) {
      for (const scenario of scenarios) {
        const output = execFileSync(
          process.execPath,
          [...process.execArgv, self, '--child', scenario, gzipDirectory],
          { encoding: 'utf8' },
        );
        results.get(scenario)!.push(JSON.parse(output) as Measurement);
      }
    }
  } finally {
    rmSync(gzipDirectory, { recursive: true, force: true });
  }

  const summary = (scenario: Scenario) => {
    const measurements = results.get(scenario)!;
    return {
      milliseconds: median(measurements.map((m) => m.milliseconds)),
      maxRss: median(measurements.map((m) => m.maxRssMegabytes)),
      arrayBuffers: median(measurements.map((m) => m.arrayBuffersMegabytes)),
    };
  };
  const baseline = summary('empty');
  const readRaw = summary('read-raw');
  const rows = scenarios.map((scenario) => {
    const { milliseconds, maxRss, arrayBuffers } = summary(scenario);
    const ratio = scenario === 'empty' ? '' : (milliseconds / readRaw.milliseconds).toFixed(2);
    const overEmpty = maxRss - baseline.maxRss;
    const overData = scenario === 'empty' ? '' : (overEmpty / (rawBytes / MEGABYTE)).toFixed(2);
    return `| ${scenario} | ${milliseconds.toFixed(1)} | ${ratio} | ${maxRss.toFixed(1)} | ${overEmpty.toFixed(1)} | ${overData} | ${arrayBuffers.toFixed(1)} |`;
  });

  const report = [
    '# @scratchnet/mnist load benchmark',
    '',
    `Command: \`pnpm --filter @scratchnet/mnist bench\` (bench/load.bench.ts, ${runs} runs per scenario, each in a fresh Node process).`,
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared with other jobs), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}.`,
    `Date: ${new Date().toISOString()}.`,
    '',
    `Data: the four MNIST files, ${(rawBytes / MEGABYTE).toFixed(1)} MiB raw, ${(gzipBytes / MEGABYTE).toFixed(1)} MiB as gzip (zlib default level).`,
    '',
    'Scenarios: `empty` imports the package and loads nothing (memory baseline); `read-raw` only reads the four raw files',
    'with fs.readFile (I/O floor, time baseline); `load-raw` is `loadMnist()` on the embedded raw files (read, decode, check, SHA-256);',
    '`load-gzip` is `loadMnist({ directory })` on gzip copies; `gather` times `gatherNormalized` over all 60,000 training images',
    'in float32 batches of 100 (loading excluded).',
    '',
    '| scenario | median ms | ratio to read-raw | median peak RSS MiB | over empty MiB | over empty / raw data size | arrayBuffers MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'arrayBuffers is `process.memoryUsage().arrayBuffers` after the load, so it includes garbage not yet collected.',
    'With gzip, the peak holds the compressed file, the decompressed output (allocated once from the gzip',
    'trailer size) and zlib output chunks already copied but not yet collected.',
    '',
  ].join('\n');
  console.log(report);
  if (outPath !== undefined) {
    writeFileSync(outPath, report);
    console.log(`Written to ${outPath}`);
  }
}

if (process.argv[2] === '--child') {
  const measurement = await measure(process.argv[3] as Scenario, process.argv[4]);
  process.stdout.write(JSON.stringify(measurement));
} else {
  await main();
}
