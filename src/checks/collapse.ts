import type { ConfusionMatrix } from '../metrics/confusion.js';
import { computeScores, type Scores } from '../metrics/scores.js';
import { formatCount, formatPercent, formatRatio } from '../report/format.js';
import type { ImageReport } from '../report/types.js';
import type { CollapseOptions } from './defaults.js';
import { MAX_EXAMPLE_IDS, className, countOf, listWithRest } from './listing.js';
import { resolveCollapseOptions } from './options.js';
import { isAbove, isAtLeast } from './tolerance.js';
import type { CheckRecord } from './types.js';

/** Inputs of the collapse checks: the dataset confusion matrix and the per-image counts. */
export interface CollapseInput {
  /** Rows true classes, columns predicted classes, summed over the scored images. */
  readonly matrix: ConfusionMatrix;
  readonly images: readonly ImageReport[];
  /** Class names in id order. */
  readonly classNames: readonly string[];
}

/**
 * Runs the four `collapse.*` checks: dominant class, missing classes, per-image collapse and the
 * trivial majority-class baseline. Throws a `UsageError` for an invalid option.
 */
export function runCollapseChecks(
  input: CollapseInput,
  options: Partial<CollapseOptions> = {},
): CheckRecord[] {
  const resolved = resolveCollapseOptions(options);
  const scores = computeScores(input.matrix);
  return [
    checkDominantClass(scores, input.classNames, resolved),
    checkMissingClasses(scores, input.classNames, resolved),
    checkPerImageCollapse(input.images, input.classNames, resolved),
    checkTrivialBaseline(scores, input.classNames, resolved),
  ];
}

/**
 * `collapse.dominant-class`: fails when one class takes at least `dominantShare` of the predicted
 * pixels and its predicted share is at least `dominantExcess` above its share of labelled pixels.
 */
export function checkDominantClass(
  scores: Scores,
  classNames: readonly string[],
  options: CollapseOptions,
): CheckRecord {
  const id = 'collapse.dominant-class';
  const total = scores.scoredPixels;
  if (total === 0) {
    return {
      id,
      status: 'skip',
      message: 'No pixels were scored, so there is no prediction to judge.',
    };
  }

  const top = argmax(scores.classes.map((entry) => entry.predicted));
  const name = className(classNames, top);
  const predictedShare = (scores.classes[top]?.predicted ?? 0) / total;
  const labelShare = (scores.classes[top]?.support ?? 0) / total;
  const excess = predictedShare - labelShare;
  const shares = `class ${name} takes ${formatPercent(predictedShare)} of predicted pixels and ${formatPercent(labelShare)} of labelled pixels`;

  if (!isAtLeast(predictedShare, options.dominantShare)) {
    return {
      id,
      status: 'pass',
      message: `The most predicted ${shares}; no class reaches ${formatPercent(options.dominantShare)} of predicted pixels.`,
    };
  }
  if (!isAtLeast(excess, options.dominantExcess)) {
    return {
      id,
      status: 'pass',
      message: `The ${shares}. Its predicted share is less than ${points(options.dominantExcess)} above its labelled share, so the labels explain it.`,
    };
  }
  return {
    id,
    status: 'fail',
    message: `The ${shares}: the model predicts nearly every pixel as ${name}, ${points(excess)} more than the labels contain (limits: ${formatPercent(options.dominantShare)} of predicted pixels and ${points(options.dominantExcess)} above the labelled share). Likely causes are input preprocessing that differs from training (normalisation, channel order, input size), an output read with the wrong layout, or a model that did not learn.`,
  };
}

/**
 * `collapse.missing-classes`: warns when classes present in the labels are never predicted, and
 * fails when they are more than `missingClassesFailFraction` of the classes present.
 */
export function checkMissingClasses(
  scores: Scores,
  classNames: readonly string[],
  options: CollapseOptions,
): CheckRecord {
  const id = 'collapse.missing-classes';
  const present = scores.classes.flatMap((entry, classId) => (entry.support > 0 ? [classId] : []));
  if (present.length === 0) {
    return {
      id,
      status: 'skip',
      message: 'No pixels were scored, so no class is present in the labels.',
    };
  }

  const missing = present.filter((classId) => scores.classes[classId]?.predicted === 0);
  if (missing.length === 0) {
    return {
      id,
      status: 'pass',
      message: `All ${countOf(present.length, 'class', 'classes')} present in the labels are predicted on some pixels.`,
    };
  }

  const listed = listWithRest(
    missing.map(
      (classId) =>
        `${className(classNames, classId)} (${formatCount(scores.classes[classId]?.support ?? 0)} label pixels)`,
    ),
  );
  const evidence = `${missing.length} of ${countOf(present.length, 'class', 'classes')} present in the labels ${missing.length === 1 ? 'is' : 'are'} never predicted: ${listed}.`;

  if (isAbove(missing.length / present.length, options.missingClassesFailFraction)) {
    return {
      id,
      status: 'fail',
      message: `${evidence} That is more than ${formatPercent(options.missingClassesFailFraction)} of the classes present, so the model predicts only a few classes: a collapsed model, a class list in another order than the labels', or a model trained for other classes is likely.`,
    };
  }
  return {
    id,
    status: 'warn',
    message: `${evidence} The model may not have learned ${missing.length === 1 ? 'it' : 'them'}, or its class ids may be in another order than the labels'.`,
  };
}

/**
 * `collapse.per-image`: fails when more than `singleClassImagesFailFraction` of the scored images
 * whose labels contain two or more classes get a single predicted class. Classes are read from the
 * sparse counts: true classes are the distinct first entries, predicted classes the distinct second
 * entries, so ignore-index pixels do not count.
 */
export function checkPerImageCollapse(
  images: readonly ImageReport[],
  classNames: readonly string[],
  options: CollapseOptions,
): CheckRecord {
  const id = 'collapse.per-image';
  const eligible = images.filter((image) => image.scored && distinct(image.counts, 0).size >= 2);
  if (eligible.length === 0) {
    return {
      id,
      status: 'skip',
      message:
        'No scored image has two or more classes in its label, so per-image collapse cannot be judged.',
    };
  }

  const single = eligible.filter((image) => distinct(image.counts, 1).size === 1);
  const examples = single.map((image) => {
    const predicted = image.counts[0]?.[1] ?? 0;
    return `${image.id} all ${className(classNames, predicted)}`;
  });
  const evidence = `${single.length} of ${countOf(eligible.length, 'image')} whose labels contain two or more classes got a single predicted class`;

  if (single.length === 0) {
    return { id, status: 'pass', message: `${evidence}.` };
  }
  const withExamples = `${evidence} (${listWithRest(examples, MAX_EXAMPLE_IDS)}).`;
  if (isAbove(single.length / eligible.length, options.singleClassImagesFailFraction)) {
    return {
      id,
      status: 'fail',
      message: `${withExamples} That is more than ${formatPercent(options.singleClassImagesFailFraction)} of them: the model outputs one class per image instead of a segmentation. A collapsed model, or a prediction read from the wrong output or channel, is likely.`,
    };
  }
  return { id, status: 'pass', message: withExamples };
}

/** Scores of the predictor that outputs the most frequent labelled class for every pixel. */
export interface MajorityBaseline {
  /** The class with the largest label support; the lowest id wins a tie. */
  readonly classId: number;
  /** Its support over the scored pixels. */
  readonly pixelAccuracy: number;
  /**
   * Mean IoU over the classes present in the labels: support_max / total for the majority class
   * and 0 for every other present class.
   */
  readonly miou: number;
}

/**
 * Computes, from the label supports alone, the scores that predicting the majority class for every
 * pixel would get on the same pixels. Returns null when no pixel was scored.
 */
export function majorityClassBaseline(scores: Scores): MajorityBaseline | null {
  const total = scores.scoredPixels;
  if (total === 0) {
    return null;
  }
  const supports = scores.classes.map((entry) => entry.support);
  const classId = argmax(supports);
  const present = supports.filter((support) => support > 0).length;
  const pixelAccuracy = (supports[classId] ?? 0) / total;
  return { classId, pixelAccuracy, miou: pixelAccuracy / present };
}

/**
 * `collapse.trivial-baseline`: fails unless the model's mIoU is at least `trivialMiouMargin` above
 * the mIoU of {@link majorityClassBaseline}. The message always gives both mIoUs and both pixel
 * accuracies.
 */
export function checkTrivialBaseline(
  scores: Scores,
  classNames: readonly string[],
  options: CollapseOptions,
): CheckRecord {
  const id = 'collapse.trivial-baseline';
  const trivial = majorityClassBaseline(scores);
  if (trivial === null || scores.miou === null || scores.pixelAccuracy === null) {
    return {
      id,
      status: 'skip',
      message: 'No pixels were scored, so there is no mIoU to compare.',
    };
  }

  const name = className(classNames, trivial.classId);
  const margin = scores.miou - trivial.miou;
  const comparison = `Model mIoU ${formatRatio(scores.miou)} and pixel accuracy ${formatRatio(scores.pixelAccuracy)} vs mIoU ${formatRatio(trivial.miou)} and pixel accuracy ${formatRatio(trivial.pixelAccuracy)} for a trivial predictor that outputs ${name}, the most frequent labelled class, for every pixel.`;

  if (isAtLeast(margin, options.trivialMiouMargin)) {
    return {
      id,
      status: 'pass',
      message: `${comparison} The model's mIoU is ${formatRatio(margin)} above it (minimum margin ${formatRatio(options.trivialMiouMargin)}).`,
    };
  }
  const gap =
    margin >= 0 ? `only ${formatRatio(margin)} above it` : `${formatRatio(-margin)} below it`;
  return {
    id,
    status: 'fail',
    message: `${comparison} The model's mIoU is ${gap}, less than the required margin ${formatRatio(options.trivialMiouMargin)}, so it has learned little beyond predicting ${name}. Pixel accuracy misleads when one class dominates: ${name} covers ${formatPercent(trivial.pixelAccuracy)} of labelled pixels, so predicting it everywhere already reaches pixel accuracy ${formatRatio(trivial.pixelAccuracy)}.`,
  };
}

/** Index of the largest value; the lowest index wins a tie. */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) {
    if ((values[index] ?? 0) > (values[best] ?? 0)) {
      best = index;
    }
  }
  return best;
}

/** Distinct values at `position` (0: true class, 1: predicted class) of sparse triples. */
function distinct(counts: ImageReport['counts'], position: 0 | 1): Set<number> {
  return new Set(counts.map((triple) => triple[position]));
}

/** Formats a difference of shares in percentage points, for example `15.0 percentage points`. */
function points(difference: number): string {
  return `${(difference * 100).toFixed(1)} percentage points`;
}
