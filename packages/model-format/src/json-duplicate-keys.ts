// JSON.parse keeps only the last of two equal keys, so a header such as
// {"a": ..., "a": ...} would silently lose a tensor. This scan finds such keys in the
// raw text, in every object at every depth.

/** A key that occurs twice in one JSON object. */
export interface DuplicateKey {
  key: string;
  /** Character offset of the second occurrence in the JSON text. */
  offset: number;
}

interface OpenContainer {
  isObject: boolean;
  keys: Set<string>;
  expectingKey: boolean;
}

/**
 * Finds the first key that occurs twice in the same object of `text`, comparing keys
 * after escape decoding ("a" equals "\u0061"). `text` must already be valid JSON
 * (checked with JSON.parse), so the scan tracks only brackets, commas and strings.
 * It uses an explicit stack, so deep nesting cannot overflow the call stack.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const open: OpenContainer[] = [];

  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    const top = open[open.length - 1];

    if (character === '{' || character === '[') {
      open.push({ isObject: character === '{', keys: new Set(), expectingKey: character === '{' });
    } else if (character === '}' || character === ']') {
      open.pop();
    } else if (character === ',') {
      if (top?.isObject) top.expectingKey = true;
    } else if (character === '"') {
      const end = findStringEnd(text, index);
      if (top?.isObject && top.expectingKey) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.keys.has(key)) return { key, offset: index };
        top.keys.add(key);
        top.expectingKey = false;
      }
      index = end;
    }
  }
  return undefined;
}

/** Returns the index of the quote that closes the string opened at `start`. */
function findStringEnd(text: string, start: number): number {
  let index = start + 1;
  while (text[index] !== '"') {
    // A backslash escapes the next character, including a quote or another backslash.
    index += text[index] === '\\' ? 2 : 1;
  }
  return index;
}
