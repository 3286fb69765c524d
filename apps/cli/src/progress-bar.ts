// A one-line progress bar for terminals: step/total, bar, percent and ETA all from the same step.

import { formatDuration } from './text-format.js';

/** Width of the bar in characters. */
const BAR_WIDTH = 24;
/** Minimum time between two redraws, so fast runs do not flood the terminal. */
const REDRAW_MILLISECONDS = 100;

/** Formats the bar line for `step` of `total`, e.g. `step 47/141 [========----------------]  33 % | ETA 1.2 s`. */
export function formatBarLine(step: number, total: number, etaMilliseconds: number | undefined, details: string): string {
  const fraction = total > 0 ? Math.min(1, step / total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'='.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)} %`;
  const eta = etaMilliseconds === undefined ? 'ETA -' : `ETA ${formatDuration(etaMilliseconds)}`;
  return [`step ${String(step).padStart(String(total).length)}/${total} [${bar}] ${percent}`, eta, details].filter((part) => part !== '').join(' | ');
}

/**
 * Estimates the time left from the steps done since `startStep` in `elapsedMilliseconds`;
 * undefined until a step is done.
 */
export function estimateRemaining(step: number, total: number, startStep: number, elapsedMilliseconds: number): number | undefined {
  const done = step - startStep;
  if (done <= 0) {
    return undefined;
  }
  return (elapsedMilliseconds / done) * Math.max(0, total - step);
}

/** A progress bar redrawn in place on a terminal stream, with lines that can be printed above it. */
export class ProgressBar {
  private readonly stream: NodeJS.WriteStream;
  private readonly total: number;
  private startStep: number | undefined;
  private readonly startTime = performance.now();
  private drawnStep = -1;
  private step = 0;
  private details = '';
  private lastDraw = 0;
  private visible = false;

  constructor(stream: NodeJS.WriteStream, total: number) {
    this.stream = stream;
    this.total = total;
  }

  /** Records that `step` is done; redraws at most every 100 ms, and always at the last step. */
  update(step: number, details: string): void {
    const now = performance.now();
    // The clock starts with the bar, just before the first step; when resuming, that step is past 0.
    this.startStep ??= step - 1;
    this.step = step;
    this.details = details;
    if (now - this.lastDraw >= REDRAW_MILLISECONDS || step >= this.total) {
      this.draw(now);
    }
  }

  /** Prints `text` on its own line above the bar, then redraws the bar below it. */
  printAbove(text: string): void {
    this.stream.write(`\r\x1b[2K${text}\n`);
    this.visible = false;
    this.draw(performance.now());
  }

  /** Draws the final state and moves to a fresh line. */
  stop(): void {
    if (this.visible) {
      if (this.drawnStep !== this.step) {
        this.draw(performance.now());
      }
      this.stream.write('\n');
      this.visible = false;
    }
  }

  private draw(now: number): void {
    if (this.startStep === undefined) {
      return;
    }
    const eta = estimateRemaining(this.step, this.total, this.startStep, now - this.startTime);
    let line = formatBarLine(this.step, this.total, eta, this.details);
    const columns = this.stream.columns;
    if (columns !== undefined && columns > 1 && line.length >= columns) {
      line = line.slice(0, columns - 1);
    }
    this.stream.write(`\r\x1b[2K${line}`);
    this.visible = true;
    this.lastDraw = now;
    this.drawnStep = this.step;
  }
}
