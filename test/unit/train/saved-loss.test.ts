import type { io } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { resolveLoss } from '../../../src/train/loss-choice.js';
import { labelsCheck } from '../../../src/train/preflight.js';
import { readSavedLoss } from '../../../src/train/saved-loss.js';

function modelJson(fields: Partial<io.ModelJSON>): io.ModelJSON {
  return { modelTopology: { class_name: 'Functional' }, ...fields } as io.ModelJSON;
}

describe('readSavedLoss', () => {
  it('reads a loss name from trainingConfig', () => {
    const json = modelJson({
      trainingConfig: { loss: 'categorical_crossentropy' } as io.TrainingConfig,
    });
    expect(readSavedLoss(json)).toEqual({
      name: 'categorical_crossentropy',
      encoding: 'one-hot',
      fromLogits: null,
      field: 'trainingConfig',
    });
  });

  it('reads a serialized loss from Keras training_config', () => {
    const json = modelJson({
      modelTopology: {
        class_name: 'Functional',
        training_config: {
          loss: { class_name: 'SparseCategoricalCrossentropy', config: { from_logits: true } },
        },
      },
    });
    expect(readSavedLoss(json)).toEqual({
      name: 'SparseCategoricalCrossentropy',
      encoding: 'sparse',
      fromLogits: true,
      field: 'modelTopology.training_config',
    });
  });

  it('reads the first loss of a per-output map', () => {
    const json = modelJson({
      trainingConfig: {
        loss: { logits: 'sparse_categorical_crossentropy' },
      } as unknown as io.TrainingConfig,
    });
    expect(readSavedLoss(json)?.encoding).toBe('sparse');
  });

  it('names other losses without an encoding', () => {
    const json = modelJson({
      trainingConfig: { loss: 'binary_crossentropy' } as io.TrainingConfig,
    });
    expect(readSavedLoss(json)?.encoding).toBeNull();
  });

  it('returns null without a training config', () => {
    expect(readSavedLoss(modelJson({}))).toBeNull();
  });
});

describe('resolveLoss', () => {
  it('follows the saved loss with auto', () => {
    const saved = {
      name: 'categorical_crossentropy',
      encoding: 'one-hot' as const,
      fromLogits: null,
      field: 'trainingConfig',
    };
    expect(resolveLoss('auto', saved)).toEqual({
      name: 'categorical-crossentropy',
      source: 'saved',
    });
    expect(resolveLoss('auto', null)).toEqual({
      name: 'sparse-categorical-crossentropy',
      source: 'default',
    });
    expect(resolveLoss('sparse-categorical-crossentropy', saved)).toEqual({
      name: 'sparse-categorical-crossentropy',
      source: 'option',
    });
  });
});

describe('labelsCheck', () => {
  it('lists labels with ids out of range', () => {
    const check = labelsCheck(
      [
        { id: 'a', path: '/a.png', detail: 'ids 7, 15 outside 0..3' },
        { id: 'b', path: '/b.png', detail: 'rgb, 8-bit: not a class-id image' },
      ],
      14,
      4,
      255,
    );
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      '2 of 16 training labels cannot feed the loss: a (ids 7, 15 outside 0..3), b (rgb, 8-bit: ' +
        'not a class-id image). Labels must be 8-bit class-id PNGs with ids 0..3 or 255; fix ' +
        '--num-classes, or remap ids with --label-map.',
    );
  });
});
