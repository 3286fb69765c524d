#!/usr/bin/env node
// Prints the size of the built JavaScript and CSS (dist/assets), raw and gzipped at level 9,
// excluding the model file and the MNIST data. Run after `pnpm build`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stdout } from 'node:process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
const rows = readdirSync(assets)
  .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
  .map((name) => {
    const bytes = readFileSync(join(assets, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const print = (line) => stdout.write(`${line}\n`);
for (const row of rows) print(`${row.name.padEnd(40)} ${kib(row.raw).padStart(10)} ${kib(row.gzip).padStart(10)} gzip`);
for (const kind of ['.js', '.css']) {
  const selected = rows.filter((row) => row.name.endsWith(kind));
  const raw = selected.reduce((sum, row) => sum + row.raw, 0);
  const gzip = selected.reduce((sum, row) => sum + row.gzip, 0);
  print(`total ${kind.slice(1).padEnd(34)} ${kib(raw).padStart(10)} ${kib(gzip).padStart(10)} gzip`);
}
