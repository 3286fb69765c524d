import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sha256Hex } from './sha256.js';

function nodeSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('sha256Hex', () => {
  test('matches the FIPS 180-4 example for "abc"', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  test('matches node:crypto at every length around block boundaries', () => {
    const source = new Uint8Array(300);
    for (let i = 0; i < source.length; i++) source[i] = (i * 131 + 17) & 0xff;
    for (let length = 0; length <= 300; length++) {
      const bytes = source.subarray(0, length);
      expect(sha256Hex(bytes), `length ${length}`).toBe(nodeSha256(bytes));
    }
  });

  test('matches node:crypto on a large unaligned view', () => {
    const buffer = new Uint8Array(1_000_003);
    for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 2654435761) >>> 24;
    const view = buffer.subarray(3, 999_999);
    expect(sha256Hex(view)).toBe(nodeSha256(view));
  });
});
