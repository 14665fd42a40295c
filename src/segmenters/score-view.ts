import type { TensorLayout } from './preprocess.js';

/**
 * Per-class scores of one image (batch index 0) in a rank-4 tensor, read in place. Scores are
 * logits or probabilities; a single channel is the probability of class 1.
 */
export interface ScoreView {
  readonly data: Float32Array | Float64Array;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** Position of the channel axis: last (`nhwc`) or after the batch (`nchw`). */
  readonly layout: TensorLayout;
}

/** Element strides of a score view: value `(c, y, x)` is at
 * `c * channel + y * row + x * column`. */
export interface ScoreStrides {
  readonly channel: number;
  readonly row: number;
  readonly column: number;
}

/** A single-channel output is class 1 where its probability is above this value, else class 0. */
export const BINARY_THRESHOLD = 0.5;

/** Returns the element strides of `view` for its layout. */
export function scoreStrides(view: ScoreView): ScoreStrides {
  if (view.layout === 'nhwc') {
    return { channel: 1, row: view.width * view.channels, column: view.channels };
  }
  return { channel: view.height * view.width, row: view.width, column: 1 };
}

/**
 * Picks the class of one pixel: the index of the largest of `channels` scores, the lowest on ties.
 * A single channel is the probability of class 1, so the class is 1 where it exceeds
 * `BINARY_THRESHOLD` and 0 elsewhere.
 */
export function pickClass(scores: ArrayLike<number>, channels: number): number {
  if (channels === 1) {
    return (scores[0] as number) > BINARY_THRESHOLD ? 1 : 0;
  }

  let best = 0;
  let bestScore = scores[0] as number;
  for (let c = 1; c < channels; c += 1) {
    const score = scores[c] as number;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
