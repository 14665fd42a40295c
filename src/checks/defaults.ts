/**
 * Parameters of the gate checks and their defaults, in one place so the config and the command
 * line can expose each of them. Fractions and shares are in [0, 1]; IoU and recall deltas are in
 * IoU units (0.01 is one point of IoU).
 *
 * NOTE: the defaults are starting points that have not been calibrated on a wide range of models
 * yet; change them here, not in the checks.
 */

/** Parameters of the `collapse.*` checks. */
export interface CollapseOptions {
  /** `collapse.dominant-class` fails when one class takes at least this share of predicted pixels. */
  readonly dominantShare: number;
  /** ...and its predicted share exceeds its labelled share by at least this much. */
  readonly dominantExcess: number;
  /**
   * `collapse.missing-classes` fails when the classes never predicted are more than this fraction
   * of the classes present in the labels (it warns for fewer).
   */
  readonly missingClassesFailFraction: number;
  /**
   * `collapse.per-image` fails when more than this fraction of the images whose labels contain two or
   * more classes get a single predicted class.
   */
  readonly singleClassImagesFailFraction: number;
  /**
   * `collapse.trivial-baseline` fails unless the model's mIoU is at least this much above the mIoU
   * of a predictor that outputs the most frequent labelled class everywhere.
   */
  readonly trivialMiouMargin: number;
}

export const DEFAULT_COLLAPSE_OPTIONS: CollapseOptions = {
  dominantShare: 0.95,
  dominantExcess: 0.15,
  missingClassesFailFraction: 0.5,
  singleClassImagesFailFraction: 0.5,
  trivialMiouMargin: 0.05,
};

/** Parameters of the per-image contract checks gathered during the streaming pass. */
export interface ImageAnalysisOptions {
  /**
   * `contract.labels.interpolated` counts a label id in one image as a border strip when fewer
   * than this fraction of its pixels there have four neighbours with the same id...
   */
  readonly maxInteriorFraction: number;
  /** ...and at least this fraction lie numerically between two opposite neighbours. */
  readonly minBetweenFraction: number;
  /** The check fails for an id whose border-strip pixels reach this count over the dataset. */
  readonly interpolatedMinPixels: number;
  /** `contract.labels.ignored-share` warns when the ignore index covers more than this share. */
  readonly ignoredShareWarn: number;
  /** `contract.labels.ignored-share` fails when the ignore index covers more than this share. */
  readonly ignoredShareFail: number;
  /** `contract.model.logit-magnitude` fails when the largest finite |output value| exceeds this. */
  readonly maxAbsLogit: number;
  /** `contract.predictions.constant` needs at least this many scored images to apply. */
  readonly constantMinImages: number;
  /** Side of the square grid that a prediction or label is nearest-downsampled to for comparison. */
  readonly signatureSize: number;
}

export const DEFAULT_IMAGE_ANALYSIS_OPTIONS: ImageAnalysisOptions = {
  maxInteriorFraction: 0.05,
  minBetweenFraction: 0.5,
  interpolatedMinPixels: 50,
  ignoredShareWarn: 0.25,
  ignoredShareFail: 0.5,
  maxAbsLogit: 1000,
  constantMinImages: 3,
  signatureSize: 16,
};

/** Minimum IoU and recall of one class, overriding the global minimum; null exempts the class. */
export interface ClassThreshold {
  readonly minIou?: number | null;
  readonly minRecall?: number | null;
}

/** Parameters of the `threshold.*` checks. A null minimum turns its check into `skip`. */
export interface ThresholdOptions {
  /** `threshold.miou` fails below this mIoU. */
  readonly minMiou: number | null;
  /** `threshold.class-iou` fails when a scored class has a lower IoU. */
  readonly minClassIou: number | null;
  /** `threshold.class-recall` fails when a class present in the labels has a lower recall. */
  readonly minClassRecall: number | null;
  /** Per-class overrides by class name, for example `{ person: { minIou: 0.3 } }`. */
  readonly classes: Readonly<Record<string, ClassThreshold>>;
}

export const DEFAULT_THRESHOLD_OPTIONS: ThresholdOptions = {
  minMiou: null,
  minClassIou: null,
  minClassRecall: null,
  classes: {},
};

/** Parameters of the `regression.*` checks and of the paired bootstrap behind them. */
export interface RegressionOptions {
  /** `regression.miou` fails when mIoU drops by more than this and the interval lies below 0. */
  readonly maxMiouDrop: number;
  /** `regression.class-iou` fails when a class scored in both runs loses more IoU than this. */
  readonly maxClassIouDrop: number;
  /** Number of bootstrap resamples of the images. */
  readonly resamples: number;
  /** Seed of the resampling PRNG; the same seed gives the same interval on every platform. */
  readonly seed: number;
  /** Coverage of the two-sided percentile interval of the mIoU difference, in (0, 1). */
  readonly confidence: number;
}

export const DEFAULT_REGRESSION_OPTIONS: RegressionOptions = {
  maxMiouDrop: 0.01,
  maxClassIouDrop: 0.1,
  resamples: 1000,
  seed: 12345,
  confidence: 0.95,
};
