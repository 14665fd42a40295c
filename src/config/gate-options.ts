/**
 * The gate settings of `seg-gate evaluate`: check levels, thresholds, the baseline and the
 * parameters of the collapse, contract and regression checks. Defaults come from
 * `src/checks/defaults.ts`, and the checks validate the combined values again when they are
 * resolved.
 */
import {
  DEFAULT_COLLAPSE_OPTIONS,
  DEFAULT_IMAGE_ANALYSIS_OPTIONS,
  DEFAULT_REGRESSION_OPTIONS,
  type ClassThreshold,
} from '../checks/defaults.js';
import type { CheckLevels } from '../checks/levels.js';
import {
  checkLevelsSetting,
  classThresholdsSetting,
  integerSetting,
  numberSetting,
  pathSetting,
  type SettingTable,
} from './setting-spec.js';
import type { NumberRange } from './values.js';

/** Parsed values of the gate settings, keyed by config key. */
export interface GateOptionValues {
  checks: CheckLevels;
  classThresholds: Readonly<Record<string, ClassThreshold>>;
  minMiou: number;
  minClassIou: number;
  minClassRecall: number;
  baseline: string;
  maxMiouDrop: number;
  maxClassIouDrop: number;
  bootstrapResamples: number;
  bootstrapSeed: number;
  dominantClassShare: number;
  dominantClassExcess: number;
  missingClassesFailFraction: number;
  singleClassImagesFailFraction: number;
  trivialMiouMargin: number;
  interpolatedMaxInterior: number;
  interpolatedMinBetween: number;
  interpolatedMinPixels: number;
  ignoredShareWarn: number;
  ignoredShareFail: number;
  maxAbsLogit: number;
  constantMinImages: number;
}

/** Shares, fractions, IoU, recall and IoU differences: 0 to 1, both ends included. */
export const FRACTION_RANGE: NumberRange = {
  minimum: 0,
  exclusiveMinimum: false,
  maximum: 1,
  exclusiveMaximum: false,
};

const POSITIVE_RANGE: NumberRange = {
  minimum: 0,
  exclusiveMinimum: true,
  maximum: null,
  exclusiveMaximum: false,
};

/** The bootstrap PRNG takes a 32-bit unsigned seed. */
export const MAX_BOOTSTRAP_SEED = 2 ** 32 - 1;

/** Smallest image count for `contract.predictions.constant`: one image cannot repeat itself. */
export const MIN_CONSTANT_IMAGES = 2;

const ANY_COUNT = Number.MAX_SAFE_INTEGER;
const GROUP = 'Gate options:';

const collapse = DEFAULT_COLLAPSE_OPTIONS;
const imageAnalysis = DEFAULT_IMAGE_ANALYSIS_OPTIONS;
const regression = DEFAULT_REGRESSION_OPTIONS;

/** Every gate setting, in the order `--help` lists them. */
export const GATE_OPTIONS: SettingTable<GateOptionValues> = {
  checks: checkLevelsSetting({
    flag: '--checks',
    valueName: '<id=level,...>',
    helpGroup: GROUP,
    help:
      'Levels of single checks as comma-separated ID=LEVEL pairs, for example ' +
      'collapse.per-image=warn,threshold.miou=off. LEVEL is fail (the check can fail the gate), ' +
      'warn (a failure only warns) or off (reported as skip). Replaces the checks map of ' +
      '--config. Default: every check at fail.',
  }),
  classThresholds: classThresholdsSetting({
    configKey: 'classThresholds',
    helpGroup: GROUP,
    help:
      'Per-class minimum IoU and recall by class name, overriding --min-class-iou and ' +
      '--min-class-recall, for example { person: { minIou: 0.5 }, bottle: { minRecall: null } }; ' +
      'null exempts the class. Config file only. Default: none.',
  }),
  minMiou: numberSetting({
    flag: '--min-miou',
    valueName: '<iou>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: 'Minimum mIoU, 0 to 1: threshold.miou fails below it. Default: off.',
  }),
  minClassIou: numberSetting({
    flag: '--min-class-iou',
    valueName: '<iou>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Minimum IoU of every scored class, 0 to 1: threshold.class-iou fails when a class is ' +
      'below it. Default: off.',
  }),
  minClassRecall: numberSetting({
    flag: '--min-class-recall',
    valueName: '<recall>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Minimum recall of every class present in the labels, 0 to 1: threshold.class-recall ' +
      'fails when a class is below it. Default: off.',
  }),
  baseline: pathSetting({
    flag: '--baseline',
    valueName: '<file>',
    target: 'file',
    helpGroup: GROUP,
    help:
      'JSON report of an earlier run (written with --report) that the regression checks ' +
      'compare against. Default: none, so the regression checks are skipped.',
  }),
  maxMiouDrop: numberSetting({
    flag: '--max-miou-drop',
    valueName: '<iou>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Largest mIoU drop from the baseline, in IoU units (0.01 is one point), 0 to 1: ' +
      'regression.miou fails when the drop is larger and its bootstrap interval lies below 0. ' +
      `Default: ${regression.maxMiouDrop}.`,
  }),
  maxClassIouDrop: numberSetting({
    flag: '--max-class-iou-drop',
    valueName: '<iou>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Largest IoU drop from the baseline of a class scored in both runs, in IoU units, 0 to 1: ' +
      `regression.class-iou fails when a class drops more. Default: ${regression.maxClassIouDrop}.`,
  }),
  bootstrapResamples: integerSetting({
    flag: '--bootstrap-resamples',
    valueName: '<n>',
    minimum: 1,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help:
      'Bootstrap resamples of the images for the interval of the mIoU difference, at least 1. ' +
      `Default: ${regression.resamples}.`,
  }),
  bootstrapSeed: integerSetting({
    flag: '--bootstrap-seed',
    valueName: '<n>',
    minimum: 0,
    maximum: MAX_BOOTSTRAP_SEED,
    helpGroup: GROUP,
    help:
      `Seed of the bootstrap resampling, 0 to ${MAX_BOOTSTRAP_SEED}; the same seed gives the ` +
      `same interval. Default: ${regression.seed}.`,
  }),
  dominantClassShare: numberSetting({
    flag: '--dominant-class-share',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Share of the predicted pixels, 0 to 1, from which one class counts as dominant: ' +
      'collapse.dominant-class fails when it also exceeds its labelled share by ' +
      `--dominant-class-excess. Default: ${collapse.dominantShare}.`,
  }),
  dominantClassExcess: numberSetting({
    flag: '--dominant-class-excess',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      "Excess of a dominant class's predicted share over its labelled share, 0 to 1, from " +
      `which collapse.dominant-class fails. Default: ${collapse.dominantExcess}.`,
  }),
  missingClassesFailFraction: numberSetting({
    flag: '--missing-classes-fail-fraction',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Fraction of the classes present in the labels, 0 to 1: collapse.missing-classes fails ' +
      'when more than this fraction is never predicted, and warns for fewer. ' +
      `Default: ${collapse.missingClassesFailFraction}.`,
  }),
  singleClassImagesFailFraction: numberSetting({
    flag: '--single-class-images-fail-fraction',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Fraction of the images with two or more labelled classes, 0 to 1: collapse.per-image ' +
      'fails when more than this fraction gets a single predicted class. ' +
      `Default: ${collapse.singleClassImagesFailFraction}.`,
  }),
  trivialMiouMargin: numberSetting({
    flag: '--trivial-miou-margin',
    valueName: '<iou>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Margin in IoU units, 0 to 1: collapse.trivial-baseline fails unless mIoU exceeds the ' +
      'mIoU of predicting the most frequent labelled class everywhere by at least this much. ' +
      `Default: ${collapse.trivialMiouMargin}.`,
  }),
  interpolatedMaxInterior: numberSetting({
    flag: '--interpolated-max-interior',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'contract.labels.interpolated counts a label id in one image as a border strip, as ' +
      'resizing labels bilinearly leaves, when fewer than this fraction (0 to 1) of its pixels ' +
      'there have four neighbours with the same id and --interpolated-min-between holds. ' +
      `Default: ${imageAnalysis.maxInteriorFraction}.`,
  }),
  interpolatedMinBetween: numberSetting({
    flag: '--interpolated-min-between',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Fraction (0 to 1) of the pixels of a border strip candidate that must lie strictly ' +
      'between the ids of two opposite neighbours for contract.labels.interpolated. ' +
      `Default: ${imageAnalysis.minBetweenFraction}.`,
  }),
  interpolatedMinPixels: integerSetting({
    flag: '--interpolated-min-pixels',
    valueName: '<n>',
    minimum: 0,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help:
      'contract.labels.interpolated fails for a label id whose border-strip pixels over the ' +
      `dataset reach this count, at least 0. Default: ${imageAnalysis.interpolatedMinPixels}.`,
  }),
  ignoredShareWarn: numberSetting({
    flag: '--ignored-share-warn',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Share of label pixels at the ignore index, 0 to 1, above which ' +
      `contract.labels.ignored-share warns. Default: ${imageAnalysis.ignoredShareWarn}.`,
  }),
  ignoredShareFail: numberSetting({
    flag: '--ignored-share-fail',
    valueName: '<fraction>',
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help:
      'Share of label pixels at the ignore index, 0 to 1 and at least --ignored-share-warn, ' +
      `above which contract.labels.ignored-share fails. Default: ${imageAnalysis.ignoredShareFail}.`,
  }),
  maxAbsLogit: numberSetting({
    flag: '--max-abs-logit',
    valueName: '<value>',
    range: POSITIVE_RANGE,
    helpGroup: GROUP,
    help:
      'Largest finite absolute value of the model output, above 0: ' +
      'contract.model.logit-magnitude fails when an output value is larger. ' +
      `Default: ${imageAnalysis.maxAbsLogit}.`,
  }),
  constantMinImages: integerSetting({
    flag: '--constant-min-images',
    valueName: '<n>',
    minimum: MIN_CONSTANT_IMAGES,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help:
      'Scored images needed before contract.predictions.constant applies, at least ' +
      `${MIN_CONSTANT_IMAGES}. Default: ${imageAnalysis.constantMinImages}.`,
  }),
};
