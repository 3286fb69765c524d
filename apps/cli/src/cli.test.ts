// Integration tests: they run the built command (dist/cli.js) as a child process on real MNIST.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { Random } from '@scratchnet/matrix';
import { embeddedMnistPaths, loadMnist } from '@scratchnet/mnist/node';
import type { Dataset } from '@scratchnet/mnist';
import { Network } from '@scratchnet/network';
import { saveModel } from '@scratchnet/model-format/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cliPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with `args` in `cwd`; `onStdout` may send signals while it runs. */
function runCli(
  args: string[],
  cwd: string,
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

/** Runs a command line through /bin/sh in `cwd`. */
function runShell(command: string, cwd: string): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    execFile('/bin/sh', ['-c', command], { cwd, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (error && code === null && error.signal == null) {
        reject(error);
        return;
      }
      resolvePromise({ code, signal: (error?.signal as NodeJS.Signals | undefined) ?? null, stdout, stderr });
    });
  });
}

/** Parses every stdout line as JSON, failing with the line that is not. */
function parseJsonLines(stdout: string): ({ type: string } & Record<string, unknown>)[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
}

function recordsOfType<T = Record<string, unknown>>(records: { type: string }[], type: string): T[] {
  return records.filter((record) => record.type === type) as T[];
}

/** Expects a failure with one line on stderr that contains `fragment`. */
function expectOneLineError(run: CliRun, exitCode: number, fragment: string | RegExp): void {
  expect(run.code, run.stderr).toBe(exitCode);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^scratchnet: /);
  expect(lines[0]).toMatch(fragment);
}

let workDirectory: string;
let modelPath: string;
let test: Dataset;
let trainRecords: ({ type: string } & Record<string, unknown>)[];

beforeAll(async () => {
  if (!existsSync(cliPath)) {
    throw new Error(`${cliPath} is missing; run 'pnpm --filter @scratchnet/cli build' first`);
  }
  workDirectory = await mkdtemp(join(tmpdir(), 'scratchnet-cli-'));
  modelPath = join(workDirectory, 'model.safetensors');
  test = (await loadMnist()).test;

  // One model for the evaluate, predict and inspect tests: 784-64-10 with Adam on 10,000 images.
  const run = await runCli(
    ['train', '--layers', '784,64,10', '--optimizer', 'adam', '--lr', '0.002', '--batch-size', '64', '--epochs', '3', '--limit', '10000', '--val-split', '0.1', '--seed', '7', '--out', modelPath, '--json'],
    workDirectory,
  );
  expect(run.code, run.stderr).toBe(0);
  trainRecords = parseJsonLines(run.stdout);
});

afterAll(async () => {
  if (workDirectory) {
    await rm(workDirectory, { recursive: true, force: true });
  }
});

describe('train', () => {
  it('json records describe the run', () => {
    const [config] = recordsOfType<{ seed: number; layers: number[]; seedSource: string; limit: number }>(trainRecords, 'config');
    expect(config.seed).toBe(7);
    expect(config.seedSource).toBe('option');
    expect(config.layers).toEqual([784, 64, 10]);
    expect(config.limit).toBe(10000);

    const [data] = recordsOfType<{ trainCount: number; validationCount: number }>(trainRecords, 'data');
    expect(data.trainCount).toBe(9000);
    expect(data.validationCount).toBe(1000);

    const [begin] = recordsOfType<{ backend: string; totalSteps: number }>(trainRecords, 'begin');
    expect(begin.backend.length).toBeGreaterThan(0);
    // --val-split 0.1 holds out 1,000 of the 10,000 images.
    expect(begin.totalSteps).toBe(3 * Math.ceil(9000 / 64));

    const steps = recordsOfType<{ step: number; loss: number }>(trainRecords, 'step');
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.at(-1)?.step).toBe(begin.totalSteps);
    expect(steps.at(-1)!.loss).toBeLessThan(steps[0].loss);
    const epochs = recordsOfType<{ validationLoss: number; validationAccuracy: number }>(trainRecords, 'epoch');
    expect(epochs).toHaveLength(3);
    for (const epoch of epochs) {
      expect(epoch.validationLoss).toBeGreaterThan(0);
      expect(epoch.validationAccuracy).toBeGreaterThan(0.8);
    }

    const [result] = recordsOfType<{ testAccuracy: number; model: string; testCount: number }>(trainRecords, 'result');
    expect(result.testAccuracy).toBeGreaterThan(0.9);
    expect(result.testCount).toBe(10000);
    expect(result.model).toBe(modelPath);
    expect(existsSync(modelPath)).toBe(true);
  });

  it('text output shows config, lines and result', async () => {
    const out = join(workDirectory, 'text.safetensors');
    const run = await runCli(['train', '--limit', '500', '--iterations', '20', '--batch-size', '100', '--out', out], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^configuration\n/);
    expect(run.stdout).toMatch(/ {2}preset +reference\n/);
    expect(run.stdout).toMatch(/ {2}learning rate +0\.1\n/);
    expect(run.stdout).toMatch(/ {2}seed +\d+ \(random; pass --seed \d+ to repeat this run\)\n/);
    expect(run.stdout).toMatch(/^backend: \S+/m);
    const stepLines = run.stdout.split('\n').filter((line) => line.startsWith('step '));
    expect(stepLines.length).toBeGreaterThanOrEqual(2);
    for (const line of stepLines) {
      expect(line).toMatch(/^step +\d+\/20 {2}epoch +\d+ {2}loss \d+\.\d{4} {2}accuracy +\d+\.\d{2} % {2}\d+\.\d ms\/step$/);
    }
    expect(run.stdout).toMatch(/^test accuracy \d+\.\d{2} % {2}test loss \d+\.\d{4} {2}\(10000 images\)$/m);
    expect(run.stdout).toContain('model saved to text.safetensors\n');
    expect(run.stdout).toMatch(/^total time /m);
  });

  it('default output path is in the working directory', async () => {
    const run = await runCli(['train', '--limit', '200', '--iterations', '2', '--quiet'], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(workDirectory, 'scratchnet-reference.safetensors'))).toBe(true);
    expect(run.stdout).not.toContain('configuration');
    expect(run.stdout).toContain('model saved to');
  });

  it('Ctrl-C saves a checkpoint that resumes exactly', async () => {
    const interruptedOut = join(workDirectory, 'interrupted.safetensors');
    const fullOut = join(workDirectory, 'uninterrupted.safetensors');
    const options = ['--layers', '784,32,10', '--batch-size', 'full', '--iterations', '40', '--limit', '2000', '--seed', '11', '--log-every', '1'];

    let sent = false;
    const interrupted = await runCli(['train', ...options, '--out', interruptedOut], workDirectory, (stdout, child) => {
      if (!sent && /^step +1\//m.test(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const checkpointPath = join(workDirectory, 'interrupted.checkpoint.safetensors');
    expect(existsSync(checkpointPath)).toBe(true);
    const resumeLine = interrupted.stdout.split('\n').find((line) => line.startsWith('resume with: '));
    // Paths inside the working directory are printed relative to it.
    // Run through `node <path of cli.js>`, the command starts the same way, so a shell can run it as printed.
    expect(resumeLine).toBe(`resume with: node ${cliPath} train --resume interrupted.checkpoint.safetensors --out interrupted.safetensors`);

    const inspectCheckpoint = await runCli(['inspect', checkpointPath], workDirectory);
    expect(inspectCheckpoint.code, inspectCheckpoint.stderr).toBe(0);
    expect(inspectCheckpoint.stdout).toContain("This file is a training checkpoint: continue it with 'scratchnet train --resume <file>'.");

    const resumed = await runShell(resumeLine!.replace('resume with: ', ''), workDirectory);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^resuming at step \d+$/m);
    expect(resumed.stdout).toContain('checkpoint interrupted.checkpoint.safetensors removed');
    expect(existsSync(checkpointPath)).toBe(false);
    expect(resumed.stdout).toMatch(/^total time .* \(training .*; .* with the interrupted run, backend \S+\)$/m);

    const uninterrupted = await runCli(['train', ...options, '--out', fullOut, '--quiet'], workDirectory);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

    // Same seed, same data, same steps: the resumed weights equal the uninterrupted ones bit for bit.
    const inspectResumed = parseJsonLines((await runCli(['inspect', interruptedOut, '--json'], workDirectory)).stdout)[0];
    const inspectFull = parseJsonLines((await runCli(['inspect', fullOut, '--json'], workDirectory)).stdout)[0];
    const metadataResumed = inspectResumed.metadata as { tensorsSha256: string; training: { steps: number } };
    const metadataFull = inspectFull.metadata as { tensorsSha256: string; training: { steps: number } };
    expect(metadataResumed.training.steps).toBe(40);
    expect(metadataResumed.tensorsSha256).toBe(metadataFull.tensorsSha256);
  });
});

describe('evaluate', () => {
  it('json matches the training result', async () => {
    const run = await runCli(['evaluate', modelPath, '--json'], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    const [evaluation] = parseJsonLines(run.stdout) as unknown as { accuracy: number; confusion: number[][]; count: number; mistakes: unknown[] }[];
    const [result] = recordsOfType<{ testAccuracy: number }>(trainRecords, 'result');
    expect(evaluation.accuracy).toBe(result.testAccuracy);
    expect(evaluation.count).toBe(10000);

    const total = evaluation.confusion.flat().reduce((sum, count) => sum + count, 0);
    const correct = evaluation.confusion.reduce((sum, row, label) => sum + row[label], 0);
    expect(total).toBe(10000);
    expect(correct / total).toBeCloseTo(evaluation.accuracy, 10);
    expect(evaluation.mistakes).toHaveLength(10);
  });

  it('reads --data directory and URL', async () => {
    const dataDirectory = join(workDirectory, 'idx');
    await mkdir(dataDirectory);
    for (const path of Object.values(embeddedMnistPaths())) {
      await writeFile(join(dataDirectory, `${basename(path)}.gz`), gzipSync(await readFile(path)));
    }
    const fromDirectory = parseJsonLines((await runCli(['evaluate', modelPath, '--data', dataDirectory, '--json'], workDirectory)).stdout);
    const embedded = parseJsonLines((await runCli(['evaluate', modelPath, '--json'], workDirectory)).stdout);
    expect(fromDirectory[0].accuracy).toBe(embedded[0].accuracy);
    expect(fromDirectory[0].confusion).toEqual(embedded[0].confusion);

    const missing = await runCli(['evaluate', modelPath, '--data', join(workDirectory, 'no-such-dir')], workDirectory);
    expectOneLineError(missing, 1, /data directory not found: .*no-such-dir/);
    const file = await runCli(['evaluate', modelPath, '--data', modelPath], workDirectory);
    expectOneLineError(file, 1, /is a file, not a directory or URL/);

    // Evaluate and predict --index need only the two test files.
    const testOnlyDirectory = join(workDirectory, 'idx-test-only');
    await mkdir(testOnlyDirectory);
    for (const path of Object.values(embeddedMnistPaths()).filter((path) => basename(path).startsWith('t10k-'))) {
      await writeFile(join(testOnlyDirectory, basename(path)), await readFile(path));
    }
    const testOnly = await runCli(['evaluate', modelPath, '--data', testOnlyDirectory, '--json'], workDirectory);
    expect(testOnly.code, testOnly.stderr).toBe(0);
    expect(parseJsonLines(testOnly.stdout)[0].confusion).toEqual(embedded[0].confusion);
    const testOnlyIndex = await runCli(['predict', modelPath, '--index', '3', '--data', testOnlyDirectory], workDirectory);
    expect(testOnlyIndex.code, testOnlyIndex.stderr).toBe(0);
    expect(testOnlyIndex.stdout).toMatch(/^test image 3: /);

    // Without the test labels, the error names the test labels file, not a training file.
    const imagesOnlyDirectory = join(workDirectory, 'idx-test-images-only');
    await mkdir(imagesOnlyDirectory);
    const testImagesPath = embeddedMnistPaths().testImages;
    await writeFile(join(imagesOnlyDirectory, basename(testImagesPath)), await readFile(testImagesPath));
    const imagesOnly = await runCli(['evaluate', modelPath, '--data', imagesOnlyDirectory], workDirectory);
    expectOneLineError(imagesOnly, 1, /no MNIST test labels file found in .*looked for t10k-labels-idx1-ubyte/);

    // The same files served over HTTP on 127.0.0.1, downloaded into a cache inside the work directory.
    const server = createServer((request, response) => {
      const path = join(dataDirectory, basename(request.url ?? ''));
      readFile(path).then(
        (bytes) => response.end(bytes),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const { port } = server.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}/`;
      const downloaded = await runCli(['evaluate', modelPath, '--data', url, '--json'], workDirectory, undefined, {
        XDG_CACHE_HOME: join(workDirectory, 'cache'),
      });
      expect(downloaded.code, downloaded.stderr).toBe(0);
      expect(downloaded.stderr).toContain(`scratchnet: downloading ${url}`);
      expect(parseJsonLines(downloaded.stdout)[0].accuracy).toBe(embedded[0].accuracy);
    } finally {
      await new Promise((resolveClose) => server.close(resolveClose));
    }

    // The port is closed now: the error names the network error and what to check.
    const unreachable = await runCli(['evaluate', modelPath, '--data', `http://127.0.0.1:${port}/`], workDirectory, undefined, {
      XDG_CACHE_HOME: join(workDirectory, 'cache-unreachable'),
    });
    expectOneLineError(unreachable, 1, /ECONNREFUSED.*check the URL and that the server is reachable/);
  });

  it('quiet prints one summary line', async () => {
    const run = await runCli(['evaluate', modelPath, '-q'], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\S+model\.safetensors: accuracy \d+\.\d{2} % {2}loss \d\.\d{4} {2}\(10000 test images\)\n$/);
  });

  it('text shows tables', async () => {
    const run = await runCli(['evaluate', modelPath, '--mistakes', '3'], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}accuracy +\d+\.\d{2} %$/m);
    expect(run.stdout).toMatch(/^true \\ predicted( +\d){10} +total$/m);
    expect(run.stdout).toMatch(/^class +precision +recall +f1$/m);
    const mistakesTable = run.stdout.split('most confident mistakes\n')[1].trim().split('\n');
    expect(mistakesTable).toHaveLength(4);
  });
});

describe('inspect', () => {
  it('reports architecture and checksum', async () => {
    const run = await runCli(['inspect', modelPath, '--json'], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    const [record] = parseJsonLines(run.stdout) as unknown as {
      parameterCount: number;
      checksum: { ok: boolean };
      metadata: { architecture: { sizes: number[] }; training: { seed: number; preset: string } };
    }[];
    expect(record.parameterCount).toBe(784 * 64 + 64 + 64 * 10 + 10);
    expect(record.checksum.ok).toBe(true);
    expect(record.metadata.architecture.sizes).toEqual([784, 64, 10]);
    expect(record.metadata.training.seed).toBe(7);

    const text = await runCli(['inspect', modelPath], workDirectory);
    expect(text.stdout).toMatch(/^ {2}checksum +ok /m);
    expect(text.stdout).toMatch(/^ {2}parameters +50890$/m);
  });

  it('flags corrupted tensor data', async () => {
    const bytes = await readFile(modelPath);
    const corrupted = Buffer.from(bytes);
    corrupted[corrupted.length - 1] ^= 0xff;
    const path = join(workDirectory, 'corrupted.safetensors');
    await writeFile(path, corrupted);
    const run = await runCli(['inspect', path], workDirectory);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/checksum +MISMATCH/);
  });
});

/** Returns a 28×28 MNIST test image as 8-bit grey pixels, light ink on dark. */
function testImage(index: number): Uint8Array {
  return Uint8Array.from(test.image(index));
}

/** Enlarges a square image by an integer factor (nearest neighbour). */
function enlarge(pixels: Uint8Array, size: number, factor: number): Uint8Array {
  const out = new Uint8Array(size * factor * size * factor);
  for (let row = 0; row < size * factor; row++) {
    for (let col = 0; col < size * factor; col++) {
      out[row * size * factor + col] = pixels[Math.floor(row / factor) * size + Math.floor(col / factor)];
    }
  }
  return out;
}

/** Image files made from one test digit, each in a different format or layout. */
function variantFiles(pixels: Uint8Array): Record<string, Uint8Array> {
  const size = 28;
  const big = enlarge(pixels, size, 10);

  const inverted = Uint8Array.from(enlarge(pixels, size, 3), (value) => 255 - value);

  const transparent = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    transparent.set([0, 0, 0, pixels[i]], i * 4);
  }

  const cornerSize = 120;
  const corner = new Uint8Array(cornerSize * cornerSize);
  for (let row = 0; row < size; row++) {
    corner.set(pixels.subarray(row * size, (row + 1) * size), (cornerSize - size + row) * cornerSize + (cornerSize - size));
  }

  const sixteenBit = Uint16Array.from(pixels, (value) => value * 257);

  // Palette of 16 greys, 4 bits per index, rows packed two pixels per byte.
  const palette = Array.from({ length: 16 }, (_, i) => [i * 17, i * 17, i * 17]);
  const packed = new Uint8Array((size / 2) * size);
  for (let i = 0; i < size * size; i++) {
    packed[i >> 1] |= Math.round(pixels[i] / 17) << (i % 2 === 0 ? 4 : 0);
  }

  const rgba = new Uint8Array(size * 4 * size * 4 * 4);
  const jpegPixels = Uint8Array.from(enlarge(pixels, size, 4), (value) => 255 - value);
  jpegPixels.forEach((value, i) => rgba.set([value, value, value, 255], i * 4));

  return {
    'enlarged.png': encodePng({ width: 280, height: 280, depth: 8, channels: 1, data: big }),
    'inverted.png': encodePng({ width: 84, height: 84, depth: 8, channels: 1, data: inverted }),
    'transparent.png': encodePng({ width: size, height: size, depth: 8, channels: 4, data: transparent }),
    'corner.png': encodePng({ width: cornerSize, height: cornerSize, depth: 8, channels: 1, data: corner }),
    '16-bit.png': encodePng({ width: size, height: size, depth: 16, channels: 1, data: sixteenBit }),
    'palette.png': encodePng({ width: size, height: size, depth: 4, channels: 1, palette, data: packed }),
    'photo.jpg': jpeg.encode({ width: 112, height: 112, data: rgba }, 90).data,
  };
}

describe('predict', () => {
  it('image variants give the true label', async () => {
    // Candidates: plain 28×28 PNGs of the first test digits; keep those the model gets right with confidence.
    const candidates = Array.from({ length: 40 }, (_, index) => index);
    const plainPaths = await Promise.all(
      candidates.map(async (index) => {
        const path = join(workDirectory, `test-${index}.png`);
        await writeFile(path, encodePng({ width: 28, height: 28, depth: 8, channels: 1, data: testImage(index) }));
        return path;
      }),
    );
    const plain = parseJsonLines((await runCli(['predict', modelPath, ...plainPaths, '--json'], workDirectory)).stdout) as unknown as {
      digit: number;
      probability: number;
    }[];
    const confident = candidates.filter((index, i) => plain[i].digit === test.labels[index] && plain[i].probability > 0.98).slice(0, 5);
    expect(confident.length).toBeGreaterThanOrEqual(3);

    const paths: string[] = [];
    const labels: number[] = [];
    for (const index of confident) {
      for (const [name, bytes] of Object.entries(variantFiles(testImage(index)))) {
        const path = join(workDirectory, `digit-${index}-${name}`);
        await writeFile(path, bytes);
        paths.push(path);
        labels.push(test.labels[index]);
      }
    }
    const run = await runCli(['predict', modelPath, ...paths, '--json'], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    const predictions = parseJsonLines(run.stdout) as unknown as { image: string; digit: number; probabilities: number[] }[];
    expect(predictions).toHaveLength(paths.length);
    for (const [i, prediction] of predictions.entries()) {
      expect(prediction.image).toBe(paths[i]);
      expect(prediction.probabilities).toHaveLength(10);
      expect(prediction.probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 4);
      expect({ image: paths[i], digit: prediction.digit }).toEqual({ image: paths[i], digit: labels[i] });
    }
  });

  it('--index predicts a test image', async () => {
    const run = await runCli(['predict', modelPath, '--index', '0', '--json'], workDirectory);
    expect(run.code, run.stderr).toBe(0);
    const [record] = parseJsonLines(run.stdout) as unknown as { index: number; label: number; digit: number }[];
    expect(record.index).toBe(0);
    expect(record.label).toBe(test.labels[0]);

    const text = await runCli(['predict', modelPath, '--index', '0', '--show'], workDirectory);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(31);
    expect(lines[0]).toBe(`+${'-'.repeat(56)}+`);
    expect(lines[30]).toMatch(new RegExp(`^test image 0: \\d \\(\\d+\\.\\d{2} %\\) {2}top 3: .+ {2}true ${test.labels[0]} \\((correct|wrong)\\)$`));
  });

  it('blank image says no digit found', async () => {
    const path = join(workDirectory, 'blank.png');
    await writeFile(path, encodePng({ width: 40, height: 40, depth: 8, channels: 1, data: new Uint8Array(1600).fill(255) }));
    const run = await runCli(['predict', modelPath, path], workDirectory);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path}: no digit found`);
  });
});

describe('bad input', () => {
  it('missing image file', async () => {
    const run = await runCli(['predict', modelPath, 'missing.png'], workDirectory);
    expectOneLineError(run, 1, /image file not found: missing\.png/);
  });

  it('predict reports each failed image', async () => {
    const seven = join(workDirectory, 'seven.png');
    await writeFile(seven, encodePng({ width: 28, height: 28, depth: 8, channels: 1, data: testImage(0) }));
    const text = await runCli(['predict', modelPath, 'nope.png', seven, 'gone.png'], workDirectory);
    expect(text.code).toBe(1);
    expect(text.stderr.trim().split('\n')).toEqual(['scratchnet: error: image file not found: nope.png; check the path', 'scratchnet: error: image file not found: gone.png; check the path']);
    expect(text.stdout).toMatch(/seven\.png: 7 /);

    const json = await runCli(['predict', modelPath, 'nope.png', seven, '--json'], workDirectory);
    expect(json.code).toBe(1);
    const records = parseJsonLines(json.stdout);
    expect(records.map((record) => record.type)).toEqual(['error', 'prediction']);
    expect(records[0].image).toBe('nope.png');
    expect(records[1].digit).toBe(7);
  });

  it('text file as image', async () => {
    const path = join(workDirectory, 'notes.txt');
    await writeFile(path, 'not an image\n');
    const run = await runCli(['predict', modelPath, path], workDirectory);
    expectOneLineError(run, 1, /notes\.txt is not a PNG or JPEG image/);
  });

  it('truncated model', async () => {
    const path = join(workDirectory, 'truncated.safetensors');
    await writeFile(path, (await readFile(modelPath)).subarray(0, 300));
    for (const command of [['evaluate', path], ['inspect', path], ['predict', path, '--index', '1']]) {
      const run = await runCli(command, workDirectory);
      expectOneLineError(run, 1, /truncated\.safetensors is not a valid scratchnet model/);
    }
  });

  it('missing model', async () => {
    expectOneLineError(await runCli(['evaluate', 'nowhere.safetensors'], workDirectory), 1, /model file not found: nowhere\.safetensors/);
  });

  it('model with wrong input size', async () => {
    const path = join(workDirectory, 'wrong-input.safetensors');
    const network = Network.create({ sizes: [100, 10], activation: 'relu' }, { initializer: 'he-uniform', random: new Random(1) });
    await saveModel(path, network);
    expectOneLineError(await runCli(['evaluate', path], workDirectory), 1, /expects 100 inputs, but the test set .* has 784 pixels/);
    const image = join(workDirectory, 'digit-input.png');
    await writeFile(image, encodePng({ width: 28, height: 28, depth: 8, channels: 1, data: testImage(0) }));
    expectOneLineError(await runCli(['predict', path, image], workDirectory), 1, /expects 100 inputs/);
  });

  it('unusable --out fails before loading data', async () => {
    const notModel = join(workDirectory, 'keep-me.txt');
    await writeFile(notModel, 'precious\n');
    const cases: [string[], RegExp][] = [
      [['--out', notModel], /--out keep-me\.txt exists and is not a scratchnet model; pick another path or delete the file/],
      [['--out', '.'], /is a directory; pass a file path/],
      [['--out', ''], /--out is empty/],
      [['--out', join(workDirectory, 'no-such-dir', 'm.safetensors')], /directory no-such-dir does not exist/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['train', '--limit', '100', '--iterations', '1', ...args], workDirectory);
      expectOneLineError(run, 1, message);
      expect(run.stdout).not.toContain('data:');
    }
    expect(await readFile(notModel, 'utf8')).toBe('precious\n');
  });

  it('closed output pipe exits quietly', async () => {
    for (const command of [`node ${cliPath} --help | head -1`, `node ${cliPath} evaluate ${modelPath} | head -3`]) {
      const run = await runShell(command, workDirectory);
      expect(run.stderr, command).toBe('');
    }
    // The exit code of the CLI itself, not of head.
    const status = await runShell(`(node ${cliPath} evaluate ${modelPath}; echo $? >&2) | head -1 >/dev/null`, workDirectory);
    expect(status.stderr).toBe('0\n');
  });

  it('invalid option values fail with 1', async () => {
    const cases: [string[], RegExp][] = [
      [['train', '--preset', 'huge'], /--preset.*'huge' is invalid.*expected one of: reference/],
      [['train', '--lr', '-0.1'], /--lr.*'-0\.1' is invalid.*greater than 0/],
      [['train', '--lr', '0'], /--lr.*'0' is invalid/],
      [['train', '--layers', '784,x,10'], /--layers.*'784,x,10' is invalid/],
      [['train', '--batch-size', 'lots'], /--batch-size.*invalid/],
      [['train', '--clip-norm', '0'], /--clip-norm.*'0' is invalid/],
      [['train', '--backend', 'gpu'], /--backend.*'gpu' is invalid.*auto, js, wasm/],
      [['train', '--layers', '100,10', '--limit', '10', '--iterations', '1'], /invalid --layers 100,10: the first size must be 784/],
      [['train', '--val-split', '0.999', '--limit', '500'], /--val-split 0\.999 holds out 499 of 500 images and leaves 1 to train on, fewer than 10; lower --val-split/],
      [['train', '--val-split', '0.5', '--limit', '100', '--batch-size', '64'], /leaves 50 to train on, fewer than 64 \(one batch\)/],
      [['train', '--resume', 'nope.checkpoint.safetensors'], /checkpoint file not found: nope\.checkpoint\.safetensors/],
      [['train', '--limit', '200', '--iterations', '5', '--lr', '1e30'], /diverged.*Lower --lr \(this step used 1e\+30\), or pass --clip-norm <n> to bound/],
    ];
    for (const [args, message] of cases) {
      expectOneLineError(await runCli(args, workDirectory), 1, message);
    }
  });

  it('usage errors fail with 2', async () => {
    const cases: [string[], RegExp][] = [
      [['train', '--speed', '3'], /unknown option '--speed'/],
      [['train', '--epochs', '2', '--iterations', '5'], /cannot be used with/],
      [['evaluate'], /missing required argument 'model'/],
      [['fly'], /unknown command 'fly'/],
      [['predict', 'model.safetensors'], /at least one image file or --index/],
      [['train', '--resume', 'x.checkpoint.safetensors', '--lr', '0.5'], /--resume continues with the options stored in the checkpoint; remove --lr/],
    ];
    for (const [args, message] of cases) {
      expectOneLineError(await runCli(args, workDirectory), 2, message);
    }
  });
});

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const packageJson = JSON.parse(await readFile(join(dirname(cliPath), '..', 'package.json'), 'utf8'));
    const run = await runCli(['--version'], workDirectory);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(packageJson.version);
  });

  it('no command prints the help to stderr and exits with 2', async () => {
    const run = await runCli([], workDirectory);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: scratchnet /);
  });

  it('train --help lists every option with its default', async () => {
    const run = await runCli(['train', '--help'], workDirectory);
    expect(run.code).toBe(0);
    const flags = ['--preset', '--layers', '--activation', '--initializer', '--optimizer', '--lr', '--batch-size', '--epochs', '--iterations', '--seed', '--val-split', '--clip-norm', '--backend', '--data', '--out', '--resume', '--limit', '--log-every', '--json', '--quiet', '--debug'];
    for (const flag of flags) {
      expect(run.stdout).toContain(flag);
    }
    // Each option entry starts on a line indented by two spaces and a dash.
    const entries = run.stdout.split(/\n(?= {2}-)/);
    for (const flag of ['--preset', '--layers', '--activation', '--optimizer', '--lr', '--batch-size', '--epochs', '--iterations', '--seed', '--val-split', '--clip-norm', '--backend', '--data', '--out', '--limit']) {
      const entry = entries.find((text) => text.trimStart().startsWith(flag));
      expect(entry, flag).toMatch(/default/);
    }
  });
});
