// Errors the command reports as one line, with the exit code it ends with.

/** Exit code for a failed command: missing file, invalid value, unreadable model or image. */
export const EXIT_FAILURE = 1;
/** Exit code for a command line that cannot be parsed: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;
/** Exit code after Ctrl-C stopped training and a checkpoint was saved (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** An expected failure: its message is printed as one line, without a stack unless --debug is set. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, options?: { exitCode?: number; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'CliError';
    this.exitCode = options?.exitCode ?? EXIT_FAILURE;
  }
}

/** Returns the message of any thrown value as one line without a final period, ready to embed in a sentence. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/\.$/, '');
}
