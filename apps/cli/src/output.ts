// Command output: human-readable text, or one JSON object per line with --json.

/** Output settings shared by every command. */
export interface OutputOptions {
  json: boolean;
  quiet: boolean;
}

/** Writes text lines or JSON lines to stdout; libraries never print, so all output passes through here. */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  private readonly stream: NodeJS.WriteStream;

  constructor(options: OutputOptions, stream: NodeJS.WriteStream = process.stdout) {
    this.json = options.json;
    this.quiet = options.quiet;
    this.stream = stream;
  }

  /** True when stdout is a terminal and text output is wanted (progress bars, drawings). */
  get interactive(): boolean {
    return !this.json && !this.quiet && this.stream.isTTY === true;
  }

  /** Writes a line of text in text mode, unless --quiet is set. */
  info(text: string): void {
    if (!this.json && !this.quiet) {
      this.stream.write(`${text}\n`);
    }
  }

  /** Writes a line of text in text mode, even with --quiet (final results). */
  result(text: string): void {
    if (!this.json) {
      this.stream.write(`${text}\n`);
    }
  }

  /** Writes one JSON line in --json mode; progress records are dropped with --quiet. */
  record(record: { type: string } & Record<string, unknown>, options?: { progress?: boolean }): void {
    if (this.json && !(options?.progress && this.quiet)) {
      this.stream.write(`${JSON.stringify(record, jsonReplacer)}\n`);
    }
  }
}

/** Writes typed arrays as plain JSON arrays and non-finite numbers as null. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  return value;
}
