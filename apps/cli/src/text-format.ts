// Small formatters shared by the text output of every command.

/** Formats a fraction in [0, 1] as a percentage with two decimals, e.g. `83.41 %`. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)} %`;
}

/** Formats a duration in milliseconds as `812 ms`, `12.3 s` or `4 min 05 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) {
    return `${Math.round(milliseconds)} ms`;
  }
  const seconds = milliseconds / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

/** Lays out `[label, value]` pairs as an aligned two-column block, indented by two spaces. */
export function formatKeyValues(pairs: [string, string][]): string {
  const labelWidth = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `  ${label.padEnd(labelWidth)}  ${value}`).join('\n');
}

/** Lays out rows of cells as right-aligned columns separated by two spaces. */
export function formatTable(rows: string[][]): string {
  const columnCount = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columnCount }, (_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padStart(widths[column])).join('  ').trimEnd()).join('\n');
}

/** Wraps `text` at spaces into lines of at most `width` characters, each starting with `indent`. */
export function wrapText(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
    }
    line += line.trim() === '' ? word : ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}
