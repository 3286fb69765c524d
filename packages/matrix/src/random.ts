// The seeded pseudo-random generator that all scratchnet randomness draws from:
// xoshiro128** (Blackman and Vigna, 2018) with its 128-bit state filled by
// splitmix32. Everything is 32-bit integer arithmetic through Math.imul and
// shifts, so a seed gives the same integers on every JavaScript engine.

const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * A seeded generator: xoshiro128** over four 32-bit words of state, seeded with four successive
 * outputs of splitmix32. One splitmix32 step, on a 32-bit state x, is
 * `x += 0x9e3779b9; z = x; z = (z ^ z >>> 16) * 0x21f0aaad; z = (z ^ z >>> 15) * 0x735a2d97;
 * return z ^ z >>> 15` (all modulo 2^32).
 * The same seed gives the same sequence in Node and in browsers.
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** Seeds the generator from any 32-bit integer, signed or unsigned (-2^31 ..< 2^32). */
  constructor(seed: number) {
    this.reseed(seed);
  }

  /**
   * Restarts the generator from `seed` as `new Random(seed)` would, without allocating, so a hot
   * loop can reseed one generator many times.
   */
  reseed(seed: number): void {
    if (!Number.isInteger(seed) || seed < -0x80000000 || seed > 0xffffffff) {
      throw new RangeError(
        `Random seed must be a 32-bit integer (from -2147483648 to 4294967295), got ${seed}.`,
      );
    }
    // splitmix32 is a bijection of its counter, so four consecutive outputs are never all zero,
    // and xoshiro128** works from any other state.
    let x = seed | 0;
    x = (x + 0x9e3779b9) | 0;
    this.s0 = splitmix32Output(x);
    x = (x + 0x9e3779b9) | 0;
    this.s1 = splitmix32Output(x);
    x = (x + 0x9e3779b9) | 0;
    this.s2 = splitmix32Output(x);
    x = (x + 0x9e3779b9) | 0;
    this.s3 = splitmix32Output(x);
  }

  /** Creates a generator that continues from a state returned by getState(). */
  static fromState(state: Uint32Array): Random {
    const random = new Random(0);
    random.setState(state);
    return random;
  }

  /** Returns the next 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;

    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = rotateLeft(n3, 11);
    return result;
  }

  /**
   * Returns a float uniform in [0, 1) with 53 bits of resolution, built from two 32-bit outputs
   * (the top 27 bits of the first and the top 26 bits of the second).
   */
  next(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  /** Returns a float uniform in [low, high); defaults to [0, 1). */
  uniform(low = 0, high = 1): number {
    if (!(high > low) || !Number.isFinite(high - low)) {
      throw new RangeError(`uniform(low, high) needs finite low < high, got [${low}, ${high}).`);
    }
    // low + (high - low) * u can round up to high; draw again in that rare case.
    let value: number;
    do {
      value = low + (high - low) * this.next();
    } while (value >= high);
    return value;
  }

  /**
   * Returns a normally distributed float (Box–Muller transform over two next() draws; the
   * second normal it could give is discarded, so the state stays four words).
   */
  normal(mean = 0, std = 1): number {
    if (!Number.isFinite(mean) || !(std >= 0) || !Number.isFinite(std)) {
      throw new RangeError(
        `normal(mean, std) needs finite mean and std >= 0, got ${mean}, ${std}.`,
      );
    }
    const u1 = 1 - this.next(); // in (0, 1], so the log is finite
    const u2 = this.next();
    // NOTE: Math.log and Math.cos may round differently in other engines, so normal() is bit-identical only across V8 (Node, Chromium).
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Returns an integer uniform in [low, high), without modulo bias; high - low may be at most 2^32. */
  integer(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low) {
      throw new RangeError(`integer(low, high) needs integers low < high, got [${low}, ${high}).`);
    }
    const range = high - low;
    if (range > TWO_POW_32) {
      throw new RangeError(`integer(low, high) supports ranges up to 2^32, got ${range}.`);
    }
    // Accept only outputs below the largest multiple of range, so every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % range);
    let value: number;
    do {
      value = this.nextUint32();
    } while (value >= limit);
    return low + (value % range);
  }

  /**
   * Shuffles array in place with the Fisher–Yates algorithm (from the last index down, swapping
   * element i with one drawn by integer(0, i + 1)) and returns it.
   */
  shuffle<A extends { length: number; [index: number]: unknown }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.integer(0, i + 1);
      const element = array[i];
      array[i] = array[j];
      array[j] = element;
    }
    return array;
  }

  /** Returns a copy of the four state words, for checkpoints. */
  getState(): Uint32Array {
    return Uint32Array.of(this.s0, this.s1, this.s2, this.s3);
  }

  /** Restores a state from getState(); rejects anything but four words that are not all zero. */
  setState(state: Uint32Array): void {
    if (!(state instanceof Uint32Array) || state.length !== 4) {
      throw new RangeError(
        'Random state must be a Uint32Array of 4 words, as returned by getState().',
      );
    }
    if ((state[0] | state[1] | state[2] | state[3]) === 0) {
      throw new RangeError(
        'Random state must not be all zeros: xoshiro128** would output only zeros.',
      );
    }
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** Returns the splitmix32 output for the counter value `x` (the step after the increment). */
function splitmix32Output(x: number): number {
  let z = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return z ^ (z >>> 15);
}
