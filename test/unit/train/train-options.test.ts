import { Option } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import configSchema from '../../../schemas/config.schema.json' with { type: 'json' };
import { configKeyOf } from '../../../src/config/setting-spec.js';
import {
  parseClassWeightsText,
  TRAIN_OPTIONS,
  TRAINING_OPTIONS,
} from '../../../src/config/train-options.js';
import { UsageError } from '../../../src/errors.js';
import trainSchema from '../../../src/train/train-config.schema.json' with { type: 'json' };
import { readTrainConfigFile, trainConfigSchema } from '../../../src/train/config-file.js';
import { parseTrain, temporaryFolder } from './helpers.js';

let root = '';
const base = ['--model', 'initial/model.json', '--data', 'VOC', '--normalize', 'unit'];

beforeAll(async () => {
  root = await temporaryFolder();
});

describe('train settings', () => {
  it('fills in the defaults', async () => {
    const settings = await parseTrain([...base, '--steps', '5', '--output', 'out'], root);

    expect(settings.initialModel).toBe(join(root, 'initial/model.json'));
    expect(settings.outputDir).toBe(join(root, 'out'));
    expect(settings.parameters).toEqual({
      steps: 5,
      batchSize: 4,
      learningRate: 0.001,
      optimizer: 'adam',
      classWeights: null,
      loss: 'auto',
      labelEncoding: 'sparse',
      finalSoftmax: 'strip',
      overfitProbe: null,
      firstLossFactor: 3,
      seed: 1,
    });
    expect(settings.trainingReportPath).toBeNull();
    expect(settings.evaluation.model).toBe(join(root, 'out', 'model.json'));
    expect(settings.evaluation.data).toEqual(settings.data);
    expect(settings.data).toEqual({
      kind: 'voc',
      root: join(root, 'VOC'),
      split: 'val',
      idsFile: null,
    });
  });

  it('evaluates on --eval-split', async () => {
    const settings = await parseTrain(
      [...base, '--split', 'train', '--eval-split', 'val', '--steps', '1', '--output', 'out'],
      root,
    );
    expect(settings.data).toMatchObject({ split: 'train' });
    expect(settings.evaluation.data).toEqual({
      kind: 'voc',
      root: join(root, 'VOC'),
      split: 'val',
      idsFile: null,
    });
  });

  it('rejects --eval-split for plain folders', async () => {
    const argv = ['--model', 'm.json', '--images', 'i', '--labels', 'l', '--normalize', 'unit'];
    await expect(
      parseTrain([...argv, '--eval-split', 'val', '--steps', '1', '--output', 'out'], root),
    ).rejects.toThrow(/--eval-split picks a split under --data/);
  });

  it('requires --output, --steps and --normalize', async () => {
    await expect(parseTrain([...base, '--steps', '1'], root)).rejects.toThrow(
      'Missing --output: give the folder the trained checkpoint is written to',
    );
    await expect(parseTrain([...base, '--output', 'o'], root)).rejects.toThrow('Missing --steps');
    await expect(
      parseTrain(['--model', 'm.json', '--data', 'VOC', '--steps', '1', '--output', 'o'], root),
    ).rejects.toThrow(/No pixel normalisation is set/);
  });

  it('checks the class weight count against the classes', async () => {
    const argv = [...base, '--steps', '1', '--output', 'o', '--num-classes', '4'];
    await expect(parseTrain([...argv, '--class-weights', '1,2,3'], root)).rejects.toThrow(
      '--class-weights lists 3 weights (1,2,3) vs 4 classes: give one weight per class id 0..3, in id order.',
    );
    const settings = await parseTrain([...argv, '--class-weights', '0.5, 1,1,4'], root);
    expect(settings.parameters.classWeights).toEqual([0.5, 1, 1, 4]);
  });

  it.each(['', '1,,2', '-1,2', '0,0', 'a,b'])('rejects class weights %j', (text) => {
    expect(() => parseClassWeightsText(text, '--class-weights')).toThrow(UsageError);
  });
});

describe('train config file', () => {
  it('reads training keys and lets the command line override them', async () => {
    const folder = join(root, 'config');
    await mkdir(folder, { recursive: true });
    const path = join(folder, 'train.yml');
    await writeFile(
      path,
      [
        'model: initial/model.json',
        'data: VOC',
        'normalize: unit',
        'numClasses: 4',
        'steps: 20',
        'batchSize: 2',
        'learningRate: 0.01',
        'classWeights: [0.5, 1, 1, 3]',
        'overfitProbe: 5',
        'output: trained',
        'trainingReport: trained/training.json',
      ].join('\n'),
    );

    const settings = await parseTrain(['--config', path, '--steps', '7'], root);
    expect(settings.parameters).toMatchObject({
      steps: 7,
      batchSize: 2,
      learningRate: 0.01,
      classWeights: [0.5, 1, 1, 3],
      overfitProbe: 5,
    });
    expect(settings.outputDir).toBe(join(folder, 'trained'));
    expect(settings.trainingReportPath).toBe(join(folder, 'trained/training.json'));
  });

  it('rejects predictions and misspelt keys', async () => {
    const path = join(root, 'bad.json');
    await writeFile(path, JSON.stringify({ predictions: 'masks', stepz: 3 }));
    await expect(readTrainConfigFile(path)).rejects.toThrow(
      /\/predictions: unknown key[\s\S]*\/stepz: unknown key \(did you mean steps\?\)/,
    );
  });
});

describe('train config schema and option table', () => {
  const properties = trainSchema.properties as Record<string, { description: string }>;

  it('list the same training keys', () => {
    expect(Object.keys(properties)).toEqual(Object.keys(TRAINING_OPTIONS));
  });

  it('name each key after its flag and describe it', () => {
    for (const [key, spec] of Object.entries(TRAINING_OPTIONS)) {
      expect(spec.configKey, key).toBe(key);
      expect(configKeyOf(spec.flag ?? ''), key).toBe(key);
      expect(new Option(spec.flag ?? '').attributeName(), key).toBe(key);
      expect(properties[key]?.description, key).toContain(`Same as ${spec.flag}.`);
    }
  });

  it.each(Object.entries(TRAINING_OPTIONS))('%s has the same default in both', (key, spec) => {
    const pattern = /Default: ([0-9][0-9.]*[0-9]|[0-9]|[a-z]+)\b/;
    expect(pattern.exec(properties[key]?.description ?? '')?.[1]).toBe(
      pattern.exec(spec.help)?.[1],
    );
  });

  it('take every evaluate key but predictions', () => {
    const evaluateKeys = Object.keys(configSchema.properties).filter(
      (key) => key !== 'predictions',
    );
    const trainKeys = Object.keys(trainConfigSchema()['properties'] as object);
    expect(trainKeys).toEqual([...evaluateKeys, ...Object.keys(TRAINING_OPTIONS)]);
    expect(Object.keys(TRAIN_OPTIONS)).toEqual(expect.arrayContaining(trainKeys));
    expect(Object.keys(TRAIN_OPTIONS)).toHaveLength(trainKeys.length);
  });
});
