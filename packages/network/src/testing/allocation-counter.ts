// Counts typed arrays constructed during a callback by wrapping the global constructors.

const CONSTRUCTOR_NAMES = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
] as const;

type Constructors = Record<(typeof CONSTRUCTOR_NAMES)[number], unknown>;

/** Starts counting `new` on every global typed-array constructor; the returned function stops and returns the count. */
export function startCountingTypedArrays(): () => number {
  const globals = globalThis as unknown as Constructors;
  const originals = CONSTRUCTOR_NAMES.map((name) => globals[name]);
  let count = 0;
  CONSTRUCTOR_NAMES.forEach((name, index) => {
    globals[name] = new Proxy(originals[index] as new (...args: unknown[]) => object, {
      construct(target, args, newTarget) {
        count++;
        return Reflect.construct(target, args, newTarget === globals[name] ? target : newTarget);
      },
    });
  });
  return () => {
    CONSTRUCTOR_NAMES.forEach((name, index) => {
      globals[name] = originals[index];
    });
    return count;
  };
}

/** Runs `callback` and returns how many typed arrays it constructed through the global constructors. */
export function countTypedArrays(callback: () => void): number {
  const stop = startCountingTypedArrays();
  let count = 0;
  try {
    callback();
  } finally {
    count = stop();
  }
  return count;
}
