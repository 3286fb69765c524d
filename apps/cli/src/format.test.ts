import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { estimateRemaining, formatBarLine } from './progress-bar.js';
import { formatClassMetrics, formatConfusionMatrix } from './confusion-table.js';
import { renderDigit } from './digit-render.js';
import { shellQuote } from './shell-quote.js';
import { formatDuration, formatKeyValues, formatPercent, formatTable, wrapText } from './text-format.js';
import { chooseLogInterval, formatEpochLine, formatStepLine } from './training-progress.js';

describe('text formatters', () => {
  it('formatPercent and formatDuration', () => {
    expect(formatPercent(0.83412)).toBe('83.41 %');
    expect(formatDuration(812.4)).toBe('812 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
  });

  it('formatTable aligns columns right', () => {
    expect(formatTable([['a', 'bb'], ['ccc', 'd']])).toBe('  a  bb\nccc   d');
  });

  it('wrapText breaks at spaces', () => {
    expect(wrapText('one two three four', 12, '  ')).toBe('  one two\n  three four');
    expect(wrapText('averyveryverylongword x', 8, '')).toBe('averyveryverylongword\nx');
  });

  it('formatKeyValues aligns values', () => {
    expect(formatKeyValues([['seed', '1'], ['preset', 'reference']])).toBe('  seed    1\n  preset  reference');
  });
});

describe('confusion table', () => {
  it('rows keep counts and totals', () => {
    const confusion = [
      [5, 1],
      [0, 12],
    ];
    const lines = formatConfusionMatrix(confusion, ['a', 'b']).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1].trim().split(/\s+/)).toEqual(['a', '5', '1', '6']);
    expect(lines[2].trim().split(/\s+/)).toEqual(['b', '0', '12', '12']);
  });

  it('class metrics as percentages', () => {
    const lines = formatClassMetrics(['a'], [1], [0.5], [2 / 3]).split('\n');
    expect(lines[1].trim().split(/\s{2,}/)).toEqual(['a', '100.00 %', '50.00 %', '66.67 %']);
  });
});

describe('renderDigit', () => {
  it('draws two characters per pixel in a frame', () => {
    const pixels = new Uint8Array(4 * 3);
    pixels[0] = 255;
    pixels[5] = 128;
    const lines = renderDigit(pixels, 4, 3).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('+--------+');
    expect(lines[1]).toBe('|██      |');
    expect(lines[2]).toBe('|  ▒▒    |');
  });
});

describe('training progress lines', () => {
  it('chooseLogInterval gives about 20 lines', () => {
    expect(chooseLogInterval(500)).toBe(25);
    expect(chooseLogInterval(10)).toBe(1);
    expect(chooseLogInterval(5625)).toBe(500);
  });

  it('formatStepLine is fixed format', () => {
    const line = formatStepLine({ type: 'step', step: 25, epoch: 25, loss: 1.23456, accuracy: 0.6543, learningRate: 0.1, milliseconds: 9 }, 500, 12.34);
    expect(line).toBe('step  25/500  epoch  25  loss 1.2346  accuracy  65.43 %  12.3 ms/step');
  });

  it('formatEpochLine adds validation', () => {
    const line = formatEpochLine(
      { type: 'epoch', epoch: 2, step: 10, trainLoss: 0.5, trainAccuracy: 0.9, validationLoss: 0.6, validationAccuracy: 0.85, milliseconds: 1500 },
      3,
    );
    expect(line).toBe('epoch 2/3  train loss 0.5000  train accuracy 90.00 %  validation loss 0.6000  validation accuracy 85.00 %  1.5 s');
  });
});

describe('shellQuote', () => {
  it('round-trips through a POSIX shell', () => {
    for (const word of ['plain/path.safetensors', 'with space', "it's", '$HOME', 'a"b', '']) {
      const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' });
      expect(echoed).toBe(word);
    }
  });
});

describe('progress bar', () => {
  it('step, percent and bar agree', () => {
    expect(formatBarLine(47, 141, 1200, 'loss 1.0000')).toBe('step  47/141 [========----------------]  33 % | ETA 1.2 s | loss 1.0000');
    expect(formatBarLine(141, 141, 0, '')).toBe('step 141/141 [========================] 100 % | ETA 0 ms');
  });

  it('ETA scales the time per step', () => {
    // 47 steps in 470 ms leaves 94 steps at 10 ms each.
    expect(estimateRemaining(47, 141, 0, 470)).toBeCloseTo(940, 10);
    // A resumed run counts only the steps it ran: 10 steps (from 90 to 100) in 100 ms, 41 to go.
    expect(estimateRemaining(100, 141, 90, 100)).toBeCloseTo(410, 10);
    expect(estimateRemaining(141, 141, 0, 1410)).toBe(0);
    expect(estimateRemaining(5, 141, 5, 10)).toBeUndefined();
  });
});
