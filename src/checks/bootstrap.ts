import { ConfusionMatrix } from '../metrics/confusion.js';
import { computeScores } from '../metrics/scores.js';

/** Sparse confusion counts of one image: `[true class, predicted class, pixels]` triples. */
export type SparseCounts = readonly (readonly [number, number, number])[];

/** The counts of one image in the current run and in the baseline run. */
export interface PairedCounts {
  readonly current: SparseCounts;
  readonly baseline: SparseCounts;
}

/** Parameters of {@link pairedBootstrapMiou}. */
export interface BootstrapOptions {
  /** Number of resamples, 1 or more. */
  readonly resamples: number;
  /** PRNG seed, an integer in 0..2^32-1. */
  readonly seed: number;
  /** Coverage of the two-sided percentile interval, in (0, 1), for example 0.95. */
  readonly confidence: number;
}

export interface PairedBootstrapResult {
  /** mIoU of each run over all images; null when no pixel was scored. */
  readonly currentMiou: number | null;
  readonly baselineMiou: number | null;
  /** currentMiou - baselineMiou, or null when either is null. */
  readonly estimate: number | null;
  /**
   * The mIoU difference of every resample in which both runs had scored pixels, in resample
   * order; the others are left out.
   */
  readonly deltas: Float64Array;
  /** Percentile interval of `deltas`, or null when no resample had both mIoUs defined. */
  readonly interval: readonly [number, number] | null;
}

/**
 * Returns the mulberry32 generator: uniform numbers in [0, 1) from a 32-bit state. It uses only
 * 32-bit integer arithmetic (`Math.imul`, shifts), so a seed gives the same sequence on every
 * platform and Node version.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Bootstraps the mIoU difference (current - baseline) with a paired bootstrap over images. Each
 * resample draws `pairs.length` image indices with replacement, the same indices for both runs.
 * It sums each run's per-image confusion counts over the draw and takes the difference of the two
 * mIoUs. The interval is the two-sided percentile interval of those differences.
 *
 * Cost: per resample O(images + non-zero triples of the drawn images + numClasses^2), because the
 * counts are summed from a packed sparse form weighted by how often each image was drawn.
 */
export function pairedBootstrapMiou(
  pairs: readonly PairedCounts[],
  numClasses: number,
  options: BootstrapOptions,
): PairedBootstrapResult {
  const current = packCounts(
    pairs.map((pair) => pair.current),
    numClasses,
  );
  const baseline = packCounts(
    pairs.map((pair) => pair.baseline),
    numClasses,
  );

  const allOnce = new Int32Array(pairs.length).fill(1);
  const currentMiou = weightedMiou(current, allOnce, numClasses);
  const baselineMiou = weightedMiou(baseline, allOnce, numClasses);
  const estimate =
    currentMiou === null || baselineMiou === null ? null : currentMiou - baselineMiou;

  const deltas = resampleDeltas(current, baseline, numClasses, options);
  const sorted = Float64Array.from(deltas).sort();
  const tail = (1 - options.confidence) / 2;
  const interval: [number, number] | null =
    sorted.length === 0 ? null : [percentile(sorted, tail), percentile(sorted, 1 - tail)];

  return { currentMiou, baselineMiou, estimate, deltas, interval };
}

/**
 * The `q` quantile (q in [0, 1]) of ascending `sorted` values, by linear interpolation between
 * the two nearest ranks: numpy's default `percentile` method (`linear`).
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) {
    throw new RangeError('percentile of an empty array');
  }
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

/** Per-image triples packed into flat arrays: image `i` owns entries offsets[i]..offsets[i+1]. */
interface PackedCounts {
  readonly offsets: Int32Array;
  /** Confusion-matrix cell index `true * numClasses + predicted`. */
  readonly cells: Int32Array;
  readonly pixels: Float64Array;
}

function packCounts(images: readonly SparseCounts[], numClasses: number): PackedCounts {
  const offsets = new Int32Array(images.length + 1);
  let size = 0;
  images.forEach((triples, index) => {
    size += triples.length;
    offsets[index + 1] = size;
  });

  const cells = new Int32Array(size);
  const pixels = new Float64Array(size);
  let entry = 0;
  for (const triples of images) {
    for (const [trueClass, predictedClass, count] of triples) {
      if (!(
        trueClass >= 0 &&
        trueClass < numClasses &&
        predictedClass >= 0 &&
        predictedClass < numClasses
      )) {
        throw new RangeError(
          `confusion triple [${trueClass}, ${predictedClass}, ${count}] has a class id outside 0..${numClasses - 1}`,
        );
      }
      cells[entry] = trueClass * numClasses + predictedClass;
      pixels[entry] = count;
      entry += 1;
    }
  }
  return { offsets, cells, pixels };
}

function resampleDeltas(
  current: PackedCounts,
  baseline: PackedCounts,
  numClasses: number,
  options: BootstrapOptions,
): Float64Array {
  const imageCount = current.offsets.length - 1;
  const random = mulberry32(options.seed);
  const weights = new Int32Array(imageCount);
  const deltas: number[] = [];

  for (let resample = 0; resample < options.resamples; resample++) {
    weights.fill(0);
    for (let draw = 0; draw < imageCount; draw++) {
      const index = Math.floor(random() * imageCount);
      weights[index] = (weights[index] as number) + 1;
    }

    const currentMiou = weightedMiou(current, weights, numClasses);
    const baselineMiou = weightedMiou(baseline, weights, numClasses);
    if (currentMiou !== null && baselineMiou !== null) {
      deltas.push(currentMiou - baselineMiou);
    }
  }
  return Float64Array.from(deltas);
}

/** mIoU of the confusion matrix sum over images, image `i` counted `weights[i]` times. */
function weightedMiou(
  packed: PackedCounts,
  weights: Int32Array,
  numClasses: number,
): number | null {
  const matrix = new ConfusionMatrix(numClasses);
  const counts = matrix.counts;
  for (let image = 0; image < weights.length; image++) {
    const weight = weights[image] as number;
    if (weight === 0) {
      continue;
    }
    const end = packed.offsets[image + 1] as number;
    for (let entry = packed.offsets[image] as number; entry < end; entry++) {
      const cell = packed.cells[entry] as number;
      counts[cell] = (counts[cell] as number) + weight * (packed.pixels[entry] as number);
    }
  }
  return computeScores(matrix).miou;
}
