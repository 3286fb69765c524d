// Quoting for the commands the CLI prints for the user to run (POSIX shells).

/** Quotes a word for a POSIX shell, leaving plain words such as paths without spaces alone. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) {
    return word;
  }
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
