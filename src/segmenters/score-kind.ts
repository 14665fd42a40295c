import { scoreStrides } from './score-view.js';
import type { ScoreView } from './score-view.js';

/** Kind of output scores: raw logits, or probabilities that sum to 1 per pixel. */
export type ScoreKind = 'logits' | 'probabilities';

/** Largest distance of a pixel's channel sum from 1 that still counts as probabilities. */
export const PROBABILITY_SUM_TOLERANCE = 1e-3;

/**
 * Detects whether `view` contains probabilities: every value in [0, 1] and, with more than one
 * channel, every pixel's channel sum within `PROBABILITY_SUM_TOLERANCE` of 1. A single channel only
 * needs values in [0, 1]. Anything else, NaN included, counts as logits.
 */
export function detectScoreKind(view: ScoreView): ScoreKind {
  if (!isWithinUnitInterval(view.data)) {
    return 'logits';
  }
  if (view.channels === 1) {
    return 'probabilities';
  }
  return channelSumsAreOne(view) ? 'probabilities' : 'logits';
}

/** True when every value lies in [0, 1]. Any NaN makes it false. */
export function isWithinUnitInterval(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i += 1) {
    const value = data[i] as number;
    if (!(value >= 0 && value <= 1)) {
      return false;
    }
  }
  return true;
}

function channelSumsAreOne(view: ScoreView): boolean {
  const strides = scoreStrides(view);
  for (let y = 0; y < view.height; y += 1) {
    for (let x = 0; x < view.width; x += 1) {
      const base = y * strides.row + x * strides.column;
      let sum = 0;
      for (let c = 0; c < view.channels; c += 1) {
        sum += view.data[base + c * strides.channel] as number;
      }
      if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
        return false;
      }
    }
  }
  return true;
}
