// A first-fit allocator over one WebAssembly.Memory. The engine allocates nothing itself:
// every buffer it reads or writes is a range handed out here, addressed by byte offset.

import type { WebAssemblyMemory } from './webassembly-api.js';

/** Alignment of every allocation in bytes: a cache line, so v128 loads never split one. */
const ALIGNMENT = 64;

/** Bytes below this offset hold the engine's static data (math tables) and are never handed out. */
const RESERVED_BYTES = 65536;

const PAGE_BYTES = 65536;

interface FreeRange {
  start: number;
  size: number;
}

/** Ranges of a WebAssembly.Memory, allocated and freed by byte offset; grows the memory on demand. */
export class WasmMemory {
  readonly memory: WebAssemblyMemory;
  private readonly maximumPages: number;
  private readonly free: FreeRange[] = [];
  private readonly sizes = new Map<number, number>();
  private top = RESERVED_BYTES;

  constructor(memory: WebAssemblyMemory, maximumPages: number) {
    this.memory = memory;
    this.maximumPages = maximumPages;
  }

  /** Returns the byte offset of `bytes` fresh bytes (contents undefined, 64-byte aligned). */
  allocate(bytes: number): number {
    const size = Math.max(ALIGNMENT, Math.ceil(bytes / ALIGNMENT) * ALIGNMENT);
    const index = this.free.findIndex((range) => range.size >= size);
    let start: number;
    if (index >= 0) {
      const range = this.free[index];
      start = range.start;
      if (range.size === size) this.free.splice(index, 1);
      else this.free[index] = { start: range.start + size, size: range.size - size };
    } else {
      start = this.top;
      this.top += size;
      this.ensureBytes(this.top);
    }
    this.sizes.set(start, size);
    return start;
  }

  /** Returns a range from allocate() to the free list. */
  release(start: number): void {
    const size = this.sizes.get(start);
    if (size === undefined) return;
    this.sizes.delete(start);
    this.free.push({ start, size });
    this.free.sort((left, right) => left.start - right.start);
    // Merge neighbours so large ranges can be reused, and give the top range back to `top`.
    for (let index = this.free.length - 1; index > 0; index--) {
      const previous = this.free[index - 1];
      const range = this.free[index];
      if (previous.start + previous.size === range.start) {
        previous.size += range.size;
        this.free.splice(index, 1);
      }
    }
    const last = this.free[this.free.length - 1];
    if (last !== undefined && last.start + last.size === this.top) {
      this.top = last.start;
      this.free.pop();
    }
  }

  /** The memory's bytes; the view is recreated when the memory has grown. */
  bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  private ensureBytes(end: number): void {
    const pages = Math.ceil(end / PAGE_BYTES);
    const current = this.memory.buffer.byteLength / PAGE_BYTES;
    if (pages <= current) return;
    if (pages > this.maximumPages) {
      throw new RangeError(
        `The wasm training engine needs ${Math.ceil(end / 2 ** 20)} MiB, more than its maximum of ` +
          `${(this.maximumPages * PAGE_BYTES) / 2 ** 20} MiB. Train on fewer images or use backend 'js'.`,
      );
    }
    this.memory.grow(pages - current);
  }
}
