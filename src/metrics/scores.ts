import type { ConfusionMatrix } from './confusion.js';
import { divideOrNull, meanOfDefined } from './divide.js';

/** Scores of one class, derived from the confusion matrix. */
export interface ClassScores {
  /** True positives: the diagonal cell. */
  readonly intersection: number;
  /** Label area + predicted area - intersection. */
  readonly union: number;
  /** Label area: pixels whose true class is this one (row sum). */
  readonly support: number;
  /** Predicted area: pixels predicted as this class (column sum). */
  readonly predicted: number;
  /** intersection / union; null when the class is in neither labels nor predictions. */
  readonly iou: number | null;
  /** intersection / support; null when the class has no label pixels. */
  readonly recall: number | null;
  /** intersection / predicted; null when the class is never predicted. */
  readonly precision: number | null;
}

/** Dataset-level scores. Means leave out null class values. */
export interface Scores {
  readonly classes: readonly ClassScores[];
  /** Mean IoU over classes with a non-empty union (mmsegmentation `mIoU`). */
  readonly miou: number | null;
  /** Correct pixels over scored pixels (mmsegmentation `aAcc`). */
  readonly pixelAccuracy: number | null;
  /** Mean recall over classes with label pixels (mmsegmentation `mAcc`). */
  readonly meanRecall: number | null;
  /** Sum over classes of support / total * IoU: frequency-weighted IoU. */
  readonly fwIou: number | null;
  readonly scoredPixels: number;
}

/**
 * Derives every metric from one confusion matrix. A class predicted but absent from the labels has
 * a non-empty union and an intersection of 0, so it scores IoU 0 and counts in the mean.
 */
export function computeScores(matrix: ConfusionMatrix): Scores {
  const classes: ClassScores[] = [];
  for (let c = 0; c < matrix.numClasses; c++) {
    classes.push(scoreClass(matrix, c));
  }

  const scoredPixels = matrix.total();
  const correctPixels = classes.reduce((sum, scores) => sum + scores.intersection, 0);

  return {
    classes,
    miou: meanOfDefined(classes.map((scores) => scores.iou)),
    pixelAccuracy: divideOrNull(correctPixels, scoredPixels),
    meanRecall: meanOfDefined(classes.map((scores) => scores.recall)),
    fwIou: frequencyWeightedIou(classes, scoredPixels),
    scoredPixels,
  };
}

function scoreClass(matrix: ConfusionMatrix, c: number): ClassScores {
  let support = 0;
  let predicted = 0;
  for (let k = 0; k < matrix.numClasses; k++) {
    support += matrix.get(c, k);
    predicted += matrix.get(k, c);
  }

  const intersection = matrix.get(c, c);
  const union = support + predicted - intersection;

  return {
    intersection,
    union,
    support,
    predicted,
    iou: divideOrNull(intersection, union),
    recall: divideOrNull(intersection, support),
    precision: divideOrNull(intersection, predicted),
  };
}

function frequencyWeightedIou(classes: readonly ClassScores[], total: number): number | null {
  if (total === 0) {
    return null;
  }
  let sum = 0;
  for (const scores of classes) {
    if (scores.iou !== null && scores.support > 0) {
      sum += (scores.support / total) * scores.iou;
    }
  }
  return sum;
}
