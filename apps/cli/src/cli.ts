// Entry point of the `scratchnet` command: runs the program and turns errors into
// one-line messages and exit codes.

import { CommanderError } from 'commander';
import { CliError, EXIT_FAILURE, EXIT_USAGE, errorMessage } from './cli-error.js';
import { createProgram } from './program.js';

/** Commander errors that come from valid requests rather than bad command lines. */
const COMMANDER_SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** Runs the command line `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  let exitCode = 0;
  const program = createProgram((code) => {
    exitCode = code;
  });
  applyErrorHandling(program);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return reportError(error, { debug, json });
  }
}

/** Makes commander throw instead of exiting, and print its own errors as one prefixed line. */
function applyErrorHandling(command: ReturnType<typeof createProgram>): void {
  command.exitOverride();
  command.configureOutput({
    // Commander puts its "(Did you mean ...?)" suggestion on a second line; keep the error on one.
    outputError: (message, write) => write(`scratchnet: ${message.trim().replace(/\s*\n\s*/g, ' ')}\n`),
  });
  for (const subcommand of command.commands) {
    applyErrorHandling(subcommand);
  }
}

/** Library advice that names a TrainOptions field, rewritten to name the CLI option that sets it. */
const CLI_ADVICE: [RegExp, string][] = [
  [/\bLower the learning rate\b/g, 'Lower --lr'],
  [/\bset clipNorm\b/g, 'pass --clip-norm <n>'],
  [/\buse backend 'js'/g, 'pass --backend js'],
  [/\bUse backend 'auto' or 'js'/g, 'Pass --backend auto or --backend js'],
];

/** Returns `error` with library option names in its message replaced by the CLI options. */
function withCliAdvice(error: unknown): unknown {
  if (!(error instanceof Error)) {
    return error;
  }
  const message = CLI_ADVICE.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), error.message);
  if (message !== error.message) {
    error.message = message;
  }
  return error;
}

function reportError(error: unknown, options: { debug: boolean; json: boolean }): number {
  let exitCode: number;
  if (error instanceof CommanderError) {
    // Commander already printed its message. Invalid option values fail the command (1);
    // a command line that cannot be parsed is a usage error (2).
    // Help printed because the command was missing (`scratchnet` alone) went to stderr with exitCode 1.
    if (COMMANDER_SUCCESS_CODES.has(error.code)) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    exitCode = error.code === 'commander.invalidArgument' ? EXIT_FAILURE : EXIT_USAGE;
  } else {
    exitCode = error instanceof CliError ? error.exitCode : EXIT_FAILURE;
    error = withCliAdvice(error);
    const unexpected = error instanceof CliError ? '' : ' (unexpected; rerun with --debug for the stack trace)';
    process.stderr.write(`scratchnet: error: ${errorMessage(error)}${options.debug ? '' : unexpected}\n`);
  }

  if (options.debug && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
    if (error.cause instanceof Error && error.cause.stack) {
      process.stderr.write(`caused by: ${error.cause.stack}\n`);
    }
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ type: 'error', message: errorMessage(error), exitCode })}\n`);
  }
  return exitCode;
}

/**
 * Exits quietly with 0 when the reader of stdout or stderr goes away (`scratchnet … | head`).
 * Code 0 rather than 141 (killed by SIGPIPE) keeps `set -o pipefail` scripts from failing.
 */
function exitOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      process.exit(0);
    }
    throw error;
  });
}

exitOnBrokenPipe(process.stdout);
exitOnBrokenPipe(process.stderr);
process.exitCode = await main(process.argv);
