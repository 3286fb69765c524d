// Recognizes file content from its first bytes, so compression is decided by
// what a file holds and never by its name, and errors can say what a file
// that is neither IDX nor gzip looks like.

/** True when `bytes` starts with the gzip magic number 0x1f 0x8b (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** True when `bytes` starts like an IDX file: two zero bytes, a known type code, a rank. */
export function looksLikeIdx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && IDX_TYPE_CODES.has(bytes[2]);
}

const IDX_TYPE_CODES = new Set([0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e]);

/**
 * Describes the first bytes of a file for an error message: what the content
 * looks like (HTML, JSON, text, zip, ...) followed by a hex dump of up to 16 bytes.
 */
export function describeContent(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty (0 bytes)';

  const head = bytes.subarray(0, 16);
  const hex = Array.from(head, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
  const kind = guessKind(bytes);
  return `${kind}; first bytes: ${hex}${bytes.length > head.length ? ' ...' : ''}`;
}

function guessKind(bytes: Uint8Array): string {
  const text = asciiPrefix(bytes, 256).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<head')) {
    return 'it looks like an HTML page (an error page or a login page saved instead of the data?)';
  }
  if (text.startsWith('<?xml')) return 'it looks like an XML document (a server error response?)';
  if (text.startsWith('{') || text.startsWith('[')) return 'it looks like JSON text';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'it looks like a zip archive (unzip it first)';
  if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68)
    return 'it looks like a bzip2 file';
  if (bytes[0] === 0xfd && bytes[1] === 0x37 && bytes[2] === 0x7a)
    return 'it looks like an xz file';
  if (isMostlyPrintable(bytes.subarray(0, 64))) {
    return `it looks like text: "${asciiPrefix(bytes, 40).replace(/\s+/g, ' ')}"`;
  }
  return 'it is neither IDX nor gzip';
}

function asciiPrefix(bytes: Uint8Array, length: number): string {
  let text = '';
  const end = Math.min(bytes.length, length);
  for (let i = 0; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

function isMostlyPrintable(bytes: Uint8Array): boolean {
  let printable = 0;
  for (const byte of bytes) {
    if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d)
      printable++;
  }
  return bytes.length > 0 && printable / bytes.length > 0.9;
}
