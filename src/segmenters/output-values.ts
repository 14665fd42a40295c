/** Element arrays of numeric output tensors, as ONNX Runtime returns them. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Counts over the raw values of one output. */
export interface ValueScan {
  /** NaN, +Infinity and -Infinity values. */
  readonly nonFinite: number;
  /** Largest absolute finite value; 0 when there is none. */
  readonly maxAbs: number;
}

/** Counts the non-finite values of `data` and finds its largest absolute finite value. */
export function scanValues(data: NumericArray): ValueScan {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return { nonFinite: 0, maxAbs: maxAbsBigInt(data) };
  }

  let nonFinite = 0;
  let maxAbs = 0;
  for (let i = 0; i < data.length; i += 1) {
    const value = data[i] as number;
    if (!Number.isFinite(value)) {
      nonFinite += 1;
    } else if (Math.abs(value) > maxAbs) {
      maxAbs = Math.abs(value);
    }
  }
  return { nonFinite, maxAbs };
}

/**
 * Returns the values of `data` as floats for scoring: float arrays as they are, integer scores
 * (for example quantised uint8) converted to float32.
 */
export function toFloatScores(data: NumericArray): Float32Array | Float64Array {
  if (data instanceof Float32Array || data instanceof Float64Array) {
    return data;
  }
  const scores = new Float32Array(data.length);
  for (let i = 0; i < data.length; i += 1) {
    scores[i] = Number(data[i]);
  }
  return scores;
}

/** Returns the logistic sigmoid `1 / (1 + exp(-x))` of every value, as a new float32 array. */
export function sigmoid(data: ArrayLike<number>): Float32Array {
  return Float32Array.from(data, (x) => 1 / (1 + Math.exp(-x)));
}

/** Class ids read from an integer output, or the values outside `0..numClasses-1` by count. */
export type ClassIdRead =
  | { readonly kind: 'ids'; readonly ids: Uint8Array }
  | { readonly kind: 'out-of-range'; readonly values: ReadonlyMap<number, number> };

/**
 * Reads integer class ids from an output tensor's elements. Every value must lie in
 * `0..numClasses-1`; otherwise returns each offending value with its count.
 */
export function readClassIds(data: NumericArray, numClasses: number): ClassIdRead {
  const ids = new Uint8Array(data.length);
  const outOfRange = new Map<number, number>();

  for (let i = 0; i < data.length; i += 1) {
    const value = Number(data[i]);
    if (Number.isInteger(value) && value >= 0 && value < numClasses) {
      ids[i] = value;
    } else {
      outOfRange.set(value, (outOfRange.get(value) ?? 0) + 1);
    }
  }

  if (outOfRange.size > 0) {
    return { kind: 'out-of-range', values: outOfRange };
  }
  return { kind: 'ids', ids };
}

function maxAbsBigInt(data: BigInt64Array | BigUint64Array): number {
  let maxAbs = 0;
  for (const value of data) {
    const magnitude = Math.abs(Number(value));
    if (magnitude > maxAbs) {
      maxAbs = magnitude;
    }
  }
  return maxAbs;
}
