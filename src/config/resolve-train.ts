/**
 * Turns merged train values into `TrainSettings`: the evaluate part is resolved by
 * `resolveEvaluateSettings` (data, classes, model input, gate), the training part here.
 */
import { join } from 'node:path';

import { UsageError } from '../errors.js';
import { missingNormalizeError } from '../segmenters/normalize.js';
import { CHECKPOINT_JSON } from '../train/checkpoint.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_FINAL_SOFTMAX,
  DEFAULT_FIRST_LOSS_FACTOR,
  DEFAULT_LABEL_ENCODING,
  DEFAULT_LEARNING_RATE,
  DEFAULT_LOSS,
  DEFAULT_OPTIMIZER,
  DEFAULT_TRAIN_SEED,
  type TrainSettings,
  type TrainingParameters,
} from '../train/settings.js';
import type { EvaluateOptionValues } from './evaluate-options.js';
import { checkExclusiveGroups } from './merge.js';
import { resolveEvaluateSettings } from './resolve-evaluate.js';
import { valueLabel, type SourcedValues } from './setting-spec.js';
import type { DataSettings, EvaluateSettings } from './settings.js';
import {
  TRAIN_EXCLUSIVE_GROUPS,
  TRAIN_OPTIONS,
  TRAINING_OPTIONS,
  type TrainOptionValues,
} from './train-options.js';

type Values = SourcedValues<TrainOptionValues>;

/**
 * Builds the settings of one train run from merged command-line and config values. The
 * evaluation after training uses the same settings with `--model` replaced by the saved
 * checkpoint and, with `--eval-split`, the ids of that split. Throws UsageError for a missing
 * `--model`, `--output`, `--steps` or `--normalize`, class weights whose count is not the class
 * count, or `--eval-split` without a VOC-layout `--data`.
 */
export async function resolveTrainSettings(
  values: Values,
  configPath: string | null,
): Promise<TrainSettings> {
  checkExclusiveGroups(values, TRAIN_EXCLUSIVE_GROUPS, TRAIN_OPTIONS);
  const initialModel = required(
    values,
    'model',
    'the TensorFlow.js layers model.json to start from',
  );
  const outputDir = required(values, 'output', 'the folder the trained checkpoint is written to');
  const steps = required(values, 'steps', 'the number of optimizer steps');
  if (values.normalize === undefined) {
    throw missingNormalizeError(initialModel);
  }

  const base = await resolveEvaluateSettings(evaluateValues(values), configPath);
  const evaluation: EvaluateSettings = {
    ...base,
    model: join(outputDir, CHECKPOINT_JSON),
    data: evaluationData(values, base.data),
  };

  return {
    initialModel,
    data: base.data,
    outputDir,
    parameters: trainingParameters(values, steps, base.numClasses),
    evaluation,
    trainingReportPath: values.trainingReport?.value ?? null,
  };
}

function trainingParameters(values: Values, steps: number, numClasses: number): TrainingParameters {
  return {
    steps,
    batchSize: values.batchSize?.value ?? DEFAULT_BATCH_SIZE,
    learningRate: values.learningRate?.value ?? DEFAULT_LEARNING_RATE,
    optimizer: values.optimizer?.value ?? DEFAULT_OPTIMIZER,
    classWeights: classWeights(values, numClasses),
    loss: values.loss?.value ?? DEFAULT_LOSS,
    labelEncoding: values.labelEncoding?.value ?? DEFAULT_LABEL_ENCODING,
    finalSoftmax: values.finalSoftmax?.value ?? DEFAULT_FINAL_SOFTMAX,
    overfitProbe: values.overfitProbe?.value ?? null,
    firstLossFactor: values.firstLossFactor?.value ?? DEFAULT_FIRST_LOSS_FACTOR,
    seed: values.seed?.value ?? DEFAULT_TRAIN_SEED,
  };
}

function classWeights(values: Values, numClasses: number): readonly number[] | null {
  const weights = values.classWeights;
  if (weights === undefined) {
    return null;
  }
  if (weights.value.length !== numClasses) {
    throw new UsageError(
      `${label(values, 'classWeights')} lists ${weights.value.length} weights ` +
        `(${weights.value.join(',')}) vs ${numClasses} classes: give one weight per class id ` +
        `0..${numClasses - 1}, in id order.`,
    );
  }
  return weights.value;
}

function evaluationData(values: Values, data: DataSettings): DataSettings {
  const split = values.evalSplit;
  if (split === undefined) {
    return data;
  }
  if (data.kind !== 'voc') {
    throw new UsageError(
      `${label(values, 'evalSplit')} picks a split under --data, but the training data comes ` +
        `from --images ${data.imagesDir} and --labels ${data.labelsDir}. Use a VOC-layout --data ` +
        'root, or leave --eval-split out to evaluate on the training folders.',
    );
  }
  return { kind: 'voc', root: data.root, split: split.value, idsFile: null };
}

/** Returns the values of the evaluate settings, without the training-only keys. */
function evaluateValues(values: Values): SourcedValues<EvaluateOptionValues> {
  const evaluate: Record<string, unknown> = { ...values };
  for (const key of Object.keys(TRAINING_OPTIONS)) {
    delete evaluate[key];
  }
  return evaluate as SourcedValues<EvaluateOptionValues>;
}

function required<K extends 'model' | 'output' | 'steps'>(
  values: Values,
  key: K,
  what: string,
): TrainOptionValues[K] {
  const value = values[key];
  if (value === undefined) {
    const flag = TRAIN_OPTIONS[key].flag ?? key;
    throw new UsageError(
      `Missing ${flag}: give ${what}, on the command line or as ${key} in --config.`,
    );
  }
  return value.value as TrainOptionValues[K];
}

function label(values: Values, key: keyof TrainOptionValues): string {
  return valueLabel(TRAIN_OPTIONS, values, key);
}
