// SHA-256 over several byte arrays with node:crypto, which hashes incrementally
// and so needs no joined copy of the 55 MB of MNIST.

import { createHash } from 'node:crypto';

/** Returns the SHA-256 (lowercase hex) of the concatenation of `parts`. */
export function sha256HexNode(parts: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
