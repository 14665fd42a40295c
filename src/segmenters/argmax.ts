import { pickClass, scoreStrides } from './score-view.js';
import type { ScoreView } from './score-view.js';

/**
 * Takes the argmax over the classes of every pixel of `view` at the model resolution. Ties go to
 * the lowest class id, and a single channel is thresholded as the probability of class 1. Returns
 * `view.width * view.height` class ids, row-major.
 */
export function argmaxScores(view: ScoreView): Uint8Array {
  const strides = scoreStrides(view);
  const out = new Uint8Array(view.width * view.height);
  const scores = new Float64Array(view.channels);

  for (let y = 0; y < view.height; y += 1) {
    for (let x = 0; x < view.width; x += 1) {
      const base = y * strides.row + x * strides.column;
      for (let c = 0; c < view.channels; c += 1) {
        scores[c] = view.data[base + c * strides.channel] as number;
      }
      out[y * view.width + x] = pickClass(scores, view.channels);
    }
  }
  return out;
}
