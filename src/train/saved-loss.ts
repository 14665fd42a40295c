import type { io } from '@tensorflow/tfjs-core';

import type { LabelEncoding } from './settings.js';

/**
 * Reading the loss that a model was compiled with from its `model.json`. TensorFlow.js writes it
 * as top-level `trainingConfig`, and tensorflowjs_converter keeps Keras's `training_config`
 * inside `modelTopology`. The loss is a name (`categorical_crossentropy`), a serialized loss
 * object (`{class_name: 'CategoricalCrossentropy', config: {from_logits: true}}`), or one of
 * those per output in a list or a map by output name. Only the first one is read here.
 */

/** The saved loss, named as saved, with the label encoding it expects. */
export interface SavedLoss {
  readonly name: string;
  /** `sparse` for sparse categorical cross-entropy, `one-hot` for categorical, else null. */
  readonly encoding: LabelEncoding | null;
  /** The saved `from_logits`, or null when the config has none. */
  readonly fromLogits: boolean | null;
  /** The field it was read from: `trainingConfig` or `modelTopology.training_config`. */
  readonly field: string;
}

const SPARSE_NAMES = new Set(['sparse_categorical_crossentropy', 'sparsecategoricalcrossentropy']);
const CATEGORICAL_NAMES = new Set(['categorical_crossentropy', 'categoricalcrossentropy']);

/** Returns the first saved loss of a model JSON, or null when it has no training config. */
export function readSavedLoss(modelJson: io.ModelJSON): SavedLoss | null {
  const topLevel = record(modelJson.trainingConfig)?.['loss'];
  if (topLevel !== undefined) {
    return describeLoss(firstLoss(topLevel), 'trainingConfig');
  }

  const nested = record(record(modelJson.modelTopology)?.['training_config'])?.['loss'];
  if (nested !== undefined) {
    return describeLoss(firstLoss(nested), 'modelTopology.training_config');
  }
  return null;
}

function describeLoss(loss: unknown, field: string): SavedLoss | null {
  if (typeof loss === 'string') {
    return { name: loss, encoding: encodingOf(loss), fromLogits: null, field };
  }

  const serialized = record(loss);
  const className = serialized?.['class_name'];
  if (typeof className !== 'string') {
    return null;
  }
  const fromLogits = record(serialized?.['config'])?.['from_logits'];
  return {
    name: className,
    encoding: encodingOf(className),
    fromLogits: typeof fromLogits === 'boolean' ? fromLogits : null,
    field,
  };
}

function encodingOf(name: string): LabelEncoding | null {
  const key = name.toLowerCase();
  if (SPARSE_NAMES.has(key)) {
    return 'sparse';
  }
  if (CATEGORICAL_NAMES.has(key)) {
    return 'one-hot';
  }
  return null;
}

function firstLoss(loss: unknown): unknown {
  if (Array.isArray(loss)) {
    return loss[0];
  }
  const map = record(loss);
  if (map !== null && !('class_name' in map)) {
    return Object.values(map)[0];
  }
  return loss;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
