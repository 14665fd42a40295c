/**
 * The settings of `seg-gate train`: every evaluate setting except `predictions` (they describe the
 * data, the classes, the model input and the evaluation that follows training), plus the training
 * settings below. `src/train/train-config.schema.json` lists the training keys for config files,
 * and a test keeps it in step with this table.
 */
import { MAX_BOOTSTRAP_SEED } from './gate-options.js';
import {
  EVALUATE_EXCLUSIVE_GROUPS,
  EVALUATE_OPTIONS,
  type EvaluateOptionValues,
} from './evaluate-options.js';
import type { ExclusiveGroup } from './merge.js';
import {
  enumSetting,
  integerSetting,
  numberSetting,
  pathSetting,
  textSetting,
  type SettingSpec,
  type HelpGroup,
  type SettingTable,
} from './setting-spec.js';
import { invalidOption } from '../errors.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_FINAL_SOFTMAX,
  DEFAULT_FIRST_LOSS_FACTOR,
  DEFAULT_LABEL_ENCODING,
  DEFAULT_LEARNING_RATE,
  DEFAULT_LOSS,
  DEFAULT_OPTIMIZER,
  DEFAULT_TRAIN_SEED,
  FINAL_SOFTMAX_MODES,
  LABEL_ENCODINGS,
  LOSSES,
  OPTIMIZERS,
  type FinalSoftmaxMode,
  type LabelEncoding,
  type LossChoice,
  type OptimizerName,
} from '../train/settings.js';
import { SPLIT_NAME_PATTERN, parseSplitText, parseNumberText, type NumberRange } from './values.js';

/** Parsed values of the training-only settings, keyed by config key. */
export interface TrainingOptionValues {
  output: string;
  steps: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  classWeights: readonly number[];
  loss: LossChoice;
  labelEncoding: LabelEncoding;
  finalSoftmax: FinalSoftmaxMode;
  overfitProbe: number;
  firstLossFactor: number;
  seed: number;
  evalSplit: string;
  trainingReport: string;
}

/** Every train setting: the evaluate settings without `predictions`, then the training ones. */
export type TrainOptionValues = Omit<EvaluateOptionValues, 'predictions'> & TrainingOptionValues;

/** Heading of the training options in `seg-gate train --help`. */
export const TRAINING_HELP_GROUP: HelpGroup = 'Training options:';

/** Comma-separated non-negative decimals, such as `1,0.5,2`. */
export const CLASS_WEIGHTS_PATTERN =
  /^\s*(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*(?:,\s*(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*)*$/;

const ANY_COUNT = Number.MAX_SAFE_INTEGER;
const NON_NEGATIVE: NumberRange = {
  minimum: 0,
  exclusiveMinimum: false,
  maximum: null,
  exclusiveMaximum: false,
};
const POSITIVE: NumberRange = { ...NON_NEGATIVE, exclusiveMinimum: true };

/** Smallest overfit probe: the check compares the first and the last loss. */
export const MIN_OVERFIT_PROBE_STEPS = 2;

const GROUP = TRAINING_HELP_GROUP;

/** The training-only settings, in the order `--help` lists them. */
export const TRAINING_OPTIONS: SettingTable<TrainingOptionValues> = {
  output: pathSetting({
    flag: '--output',
    valueName: '<dir>',
    target: 'folder',
    helpGroup: GROUP,
    help:
      'Folder the trained checkpoint is written to (model.json and group1-shard1of1.bin); the ' +
      'evaluation after training reads it from there. Required.',
  }),
  steps: integerSetting({
    flag: '--steps',
    valueName: '<n>',
    minimum: 1,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help: 'Number of optimizer steps, at least 1. Required.',
  }),
  batchSize: integerSetting({
    flag: '--batch-size',
    valueName: '<n>',
    minimum: 1,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help: `Images per step, at least 1. Default: ${DEFAULT_BATCH_SIZE}.`,
  }),
  learningRate: numberSetting({
    flag: '--learning-rate',
    valueName: '<rate>',
    range: NON_NEGATIVE,
    helpGroup: GROUP,
    help: `Optimizer step size, at least 0. Default: ${DEFAULT_LEARNING_RATE}.`,
  }),
  optimizer: enumSetting({
    flag: '--optimizer',
    valueName: '<name>',
    values: OPTIMIZERS,
    helpGroup: GROUP,
    help: `Optimizer: adam or sgd (plain gradient descent). Default: ${DEFAULT_OPTIMIZER}.`,
  }),
  classWeights: classWeightsSetting(),
  loss: enumSetting({
    flag: '--loss',
    valueName: '<loss>',
    values: LOSSES,
    helpGroup: GROUP,
    help:
      'Training loss, masked at the ignore index and computed from logits: ' +
      'sparse-categorical-crossentropy (class-id labels), categorical-crossentropy (one-hot ' +
      "labels), or auto (the loss saved in the model's training config, else sparse). " +
      `Default: ${DEFAULT_LOSS}.`,
  }),
  labelEncoding: enumSetting({
    flag: '--label-encoding',
    valueName: '<encoding>',
    values: LABEL_ENCODINGS,
    helpGroup: GROUP,
    help:
      'How label masks are fed to the loss: sparse (class ids, [B,H,W]) or one-hot ([B,H,W,C], ' +
      `ignored pixels all zero). Default: ${DEFAULT_LABEL_ENCODING}.`,
  }),
  finalSoftmax: enumSetting({
    flag: '--final-softmax',
    valueName: '<mode>',
    values: FINAL_SOFTMAX_MODES,
    helpGroup: GROUP,
    help:
      'A softmax at the end of the model, in front of a loss on logits: strip (train on its ' +
      'input; the saved model keeps it) or reject (stop before training). ' +
      `Default: ${DEFAULT_FINAL_SOFTMAX}.`,
  }),
  overfitProbe: integerSetting({
    flag: '--overfit-probe',
    valueName: '<n>',
    minimum: MIN_OVERFIT_PROBE_STEPS,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help:
      'Before training, train n steps on one repeated batch and fail unless the loss falls; ' +
      `the weights are restored afterwards. At least ${MIN_OVERFIT_PROBE_STEPS}. Default: off.`,
  }),
  firstLossFactor: numberSetting({
    flag: '--first-loss-factor',
    valueName: '<factor>',
    range: POSITIVE,
    helpGroup: GROUP,
    help:
      "training.loss.first-step fails when the first step's mean loss exceeds this factor times " +
      `ln C, above 0. Default: ${DEFAULT_FIRST_LOSS_FACTOR}.`,
  }),
  seed: integerSetting({
    flag: '--seed',
    valueName: '<n>',
    minimum: 0,
    maximum: MAX_BOOTSTRAP_SEED,
    helpGroup: GROUP,
    help:
      `Seed of the batch order and of the random input of the rewrite and reload checks, 0 to ` +
      `${MAX_BOOTSTRAP_SEED}. Default: ${DEFAULT_TRAIN_SEED}.`,
  }),
  evalSplit: textSetting({
    flag: '--eval-split',
    valueName: '<name>',
    pattern: SPLIT_NAME_PATTERN,
    parse: parseSplitText,
    helpGroup: GROUP,
    help:
      'Split under --data that the trained checkpoint is evaluated on. Default: the training ' +
      'data itself.',
  }),
  trainingReport: pathSetting({
    flag: '--training-report',
    valueName: '<file>',
    target: 'file',
    helpGroup: GROUP,
    help:
      'Write the training report (checks, per-step losses and times) as JSON to this file. ' +
      'Default: no training report.',
  }),
};

/**
 * The evaluate settings that `seg-gate train` takes: all but `predictions`, with the help of
 * `--model` and `--split` worded for training.
 */
export const TRAIN_EVALUATE_OPTIONS: SettingTable<Omit<EvaluateOptionValues, 'predictions'>> = {
  ...withoutPredictions(EVALUATE_OPTIONS),
  model: {
    ...EVALUATE_OPTIONS.model,
    help:
      'TensorFlow.js layers model.json to start from. Graph models, SavedModels and ONNX files ' +
      'are inference-only. Required.',
  },
  split: {
    ...EVALUATE_OPTIONS.split,
    help:
      'Split to train on: the ids in ImageSets/Segmentation/<name>.txt under --data; the ' +
      'evaluation uses it too unless --eval-split is given. Default: val.',
  },
};

/** Every train setting, in the order `seg-gate train --help` lists them. */
export const TRAIN_OPTIONS: SettingTable<TrainOptionValues> = {
  ...TRAIN_EVALUATE_OPTIONS,
  ...TRAINING_OPTIONS,
};

/** The evaluate alternatives that apply to training: the data source and the id list. */
export const TRAIN_EXCLUSIVE_GROUPS: readonly ExclusiveGroup<TrainOptionValues>[] =
  EVALUATE_EXCLUSIVE_GROUPS.filter(
    (group) => !group.alternatives.some((keys) => keys.includes('predictions')),
  ).map((group) => ({
    rule: group.rule,
    alternatives: group.alternatives.map((keys) => keys.filter(isTrainKey)),
  }));

/**
 * Parses class weights: comma-separated decimals of at least 0, such as `0.2,1,1,1`. Their count is
 * checked against the class count when the settings are resolved.
 */
export function parseClassWeightsText(raw: string, option: string): number[] {
  const expected = 'comma-separated weights of at least 0, one per class, for example 0.5,1,1,1';
  if (!CLASS_WEIGHTS_PATTERN.test(raw)) {
    throw invalidOption(option, expected, raw);
  }
  const weights = raw.split(',').map((part) => parseNumberText(part.trim(), option, NON_NEGATIVE));
  if (!weights.some((weight) => weight > 0)) {
    throw invalidOption(option, `${expected}, at least one above 0`, raw);
  }
  return weights;
}

function classWeightsSetting(): SettingSpec<readonly number[]> {
  const spec = textSetting({
    flag: '--class-weights',
    valueName: '<w0,w1,...>',
    pattern: CLASS_WEIGHTS_PATTERN,
    parse: (raw) => raw,
    helpGroup: GROUP,
    help:
      'Loss weight of each class in id order, comma-separated, at least 0 and one per class; ' +
      'the loss is the weighted mean over non-ignored pixels. Default: 1 for every class.',
  });
  return {
    ...spec,
    parseCli: (raw, context) => parseClassWeightsText(String(raw), context.label),
    parseConfig: (value, context) => {
      const text = Array.isArray(value) ? value.join(',') : String(value);
      return parseClassWeightsText(text, context.label);
    },
  };
}

function isTrainKey(
  key: keyof EvaluateOptionValues,
): key is Exclude<keyof EvaluateOptionValues, 'predictions'> {
  return key !== 'predictions';
}

function withoutPredictions(
  table: SettingTable<EvaluateOptionValues>,
): SettingTable<Omit<EvaluateOptionValues, 'predictions'>> {
  const entries = Object.entries(table).filter(([key]) => key !== 'predictions');
  return Object.fromEntries(entries) as SettingTable<Omit<EvaluateOptionValues, 'predictions'>>;
}
