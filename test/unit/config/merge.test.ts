import { describe, expect, it } from 'vitest';

import {
  EVALUATE_EXCLUSIVE_GROUPS,
  EVALUATE_OPTIONS,
  type EvaluateOptionValues,
} from '../../../src/config/evaluate-options.js';
import { checkExclusiveGroups, mergeSettingValues } from '../../../src/config/merge.js';
import type { Origin, SourcedValues } from '../../../src/config/setting-spec.js';
import { UsageError } from '../../../src/errors.js';
import { errorOf } from './helpers.js';

type Values = SourcedValues<EvaluateOptionValues>;

const cli: Origin = { kind: 'cli' };
const config: Origin = { kind: 'config', path: '/work/seg-gate.yml' };

function merge(fromConfig: Values, fromCli: Values): Values {
  return mergeSettingValues(fromConfig, fromCli, EVALUATE_EXCLUSIVE_GROUPS);
}

describe('mergeSettingValues', () => {
  it('command line overrides config keys', () => {
    const merged = merge(
      { numClasses: { value: 21, origin: config }, threads: { value: 2, origin: config } },
      { numClasses: { value: 3, origin: cli } },
    );
    expect(merged.numClasses).toEqual({ value: 3, origin: cli });
    expect(merged.threads).toEqual({ value: 2, origin: config });
  });

  it('--data drops config folders', () => {
    const merged = merge(
      { images: { value: '/i', origin: config }, labels: { value: '/l', origin: config } },
      { data: { value: '/voc', origin: cli } },
    );
    expect(merged).toEqual({ data: { value: '/voc', origin: cli } });
  });

  it('folders drop config data, split and ids', () => {
    const merged = merge(
      {
        data: { value: '/voc', origin: config },
        split: { value: 'train', origin: config },
        ids: { value: '/ids.txt', origin: config },
      },
      { images: { value: '/i', origin: cli }, labels: { value: '/l', origin: cli } },
    );
    expect(Object.keys(merged).sort()).toEqual(['images', 'labels']);
  });

  it('--data keeps the config split', () => {
    const merged = merge(
      { data: { value: '/voc', origin: config }, split: { value: 'train', origin: config } },
      { data: { value: '/other', origin: cli } },
    );
    expect(merged.split).toEqual({ value: 'train', origin: config });
  });

  it('--ids replaces the config split', () => {
    const merged = merge(
      { data: { value: '/voc', origin: config }, split: { value: 'train', origin: config } },
      { ids: { value: '/ids.txt', origin: cli } },
    );
    expect(merged.split).toBeUndefined();
    expect(merged.data).toEqual({ value: '/voc', origin: config });
    expect(merged.ids).toEqual({ value: '/ids.txt', origin: cli });
  });

  it('--predictions replaces a config model', () => {
    const merged = merge(
      { model: { value: '/m.onnx', origin: config } },
      { predictions: { value: '/p', origin: cli } },
    );
    expect(merged.model).toBeUndefined();
    expect(merged.predictions).toEqual({ value: '/p', origin: cli });
  });
});

describe('checkExclusiveGroups', () => {
  it('names both command-line flags', () => {
    const values: Values = {
      model: { value: '/m.onnx', origin: cli },
      predictions: { value: '/p', origin: cli },
    };
    const error = errorOf(() =>
      checkExclusiveGroups(values, EVALUATE_EXCLUSIVE_GROUPS, EVALUATE_OPTIONS),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"--model and --predictions cannot be used together: give --model FILE to run a model, or --predictions DIR to score saved prediction masks."`,
    );
  });

  it('names config keys with their file', () => {
    const values: Values = {
      data: { value: '/voc', origin: config },
      images: { value: '/i', origin: config },
    };
    const error = errorOf(() =>
      checkExclusiveGroups(values, EVALUATE_EXCLUSIVE_GROUPS, EVALUATE_OPTIONS),
    );
    expect(error.message).toMatchInlineSnapshot(
      `"data and images in /work/seg-gate.yml cannot be used together: give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain folders."`,
    );
  });

  it('accepts one alternative per group', () => {
    const values: Values = {
      data: { value: '/voc', origin: cli },
      ids: { value: '/ids.txt', origin: cli },
      model: { value: '/m.onnx', origin: config },
    };
    expect(() =>
      checkExclusiveGroups(values, EVALUATE_EXCLUSIVE_GROUPS, EVALUATE_OPTIONS),
    ).not.toThrow();
  });
});
