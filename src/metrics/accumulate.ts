import type { ClassIdMask } from '../decode/types.js';
import { ConfusionMatrix } from './confusion.js';

/** Confusion counts of one image, plus the pixels left out of them. */
export interface ImageCounts {
  readonly matrix: ConfusionMatrix;
  /** Label pixels equal to the ignore index. */
  readonly ignoredPixels: number;
}

/**
 * Counts one label/prediction pair into a new confusion matrix. Pixels whose label is
 * `ignoreIndex` are removed before counting. Both masks must have the same size and hold ids in
 * 0..numClasses-1 (apart from the ignore index in the label); the caller checks this first.
 */
export function countImage(
  label: ClassIdMask,
  prediction: ClassIdMask,
  numClasses: number,
  ignoreIndex: number,
): ImageCounts {
  if (label.width !== prediction.width || label.height !== prediction.height) {
    throw new RangeError(
      `prediction ${prediction.width}x${prediction.height} vs label ${label.width}x${label.height}`,
    );
  }

  const matrix = new ConfusionMatrix(numClasses);
  const cells = matrix.counts;
  const labels = label.data;
  const predictions = prediction.data;
  let ignoredPixels = 0;

  for (let i = 0; i < labels.length; i++) {
    const trueClass = labels[i] as number;
    if (trueClass === ignoreIndex) {
      ignoredPixels += 1;
      continue;
    }
    const cell = trueClass * numClasses + (predictions[i] as number);
    cells[cell] = (cells[cell] as number) + 1;
  }

  return { matrix, ignoredPixels };
}
