#!/usr/bin/env node
// Runs every workspace test project in one vitest process, then prints the
// closing line "N passed, N failed, N skipped" from vitest's JSON report. The
// run fails when a test fails or when no test ran at all, so an empty suite is
// never mistaken for a green one. Extra arguments go to vitest (a file filter,
// --project NAME, ...).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reportDirectory = mkdtempSync(join(tmpdir(), 'scratchnet-tests-'));
const reportPath = join(reportDirectory, 'report.json');

const vitest = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (error) {
  console.error(`No vitest JSON report was written to ${reportPath} (${error.message}); vitest exited with ${vitest.status}.`);
  console.log('0 passed, 0 failed');
  process.exit(1);
} finally {
  rmSync(reportDirectory, { recursive: true, force: true });
}

const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A file that fails to load counts no test, so a broken suite file is reported as a failure.
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
).length;

console.log('');
if (brokenFiles > 0) console.log(`${brokenFiles} test file(s) failed to run.`);
console.log(`${passed} passed, ${failed + brokenFiles} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);

if (failed > 0 || brokenFiles > 0 || passed === 0 || vitest.status !== 0) process.exit(1);
