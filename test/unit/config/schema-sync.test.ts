import { Option } from 'commander';
import { describe, expect, it } from 'vitest';

import configSchema from '../../../schemas/config.schema.json' with { type: 'json' };
import { createEvaluateCommand } from '../../../src/cli/evaluate-command.js';
import { validateConfigContent } from '../../../src/config/config-schema.js';
import { EVALUATE_OPTIONS } from '../../../src/config/evaluate-options.js';
import { configKeyOf, type SettingSpec } from '../../../src/config/setting-spec.js';
import { parseSizeText } from '../../../src/config/values.js';

interface PropertySchema {
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly examples?: readonly string[];
  readonly items?: { readonly type?: string };
}

const properties = configSchema.properties as Record<string, PropertySchema>;
const specs = Object.entries(EVALUATE_OPTIONS) as [string, SettingSpec<unknown>][];

describe('config schema and option table', () => {
  it('list the same keys', () => {
    expect(Object.keys(properties).sort()).toEqual(Object.keys(EVALUATE_OPTIONS).sort());
  });

  it('name each key after its flag', () => {
    for (const [key, spec] of specs) {
      expect(configKeyOf(spec.flag), spec.flag).toBe(key);
      expect(new Option(spec.flag).attributeName(), spec.flag).toBe(key);
    }
  });

  it('give every evaluate option a config key', () => {
    const command = createEvaluateCommand('/work', () => Promise.resolve());
    const attributes = new Set(command.options.map((option) => option.attributeName()));
    attributes.delete('config');
    expect([...attributes].sort()).toEqual(Object.keys(properties).sort());
  });

  it('describe every key', () => {
    expect(configSchema.$id).toMatch(/^https:\/\/.+\/config\.schema\.json$/);
    expect(configSchema.additionalProperties).toBe(false);
    for (const [key, property] of Object.entries(properties)) {
      expect(property.title, key).toBeTruthy();
      expect(property.description, key).toContain(
        `Same as ${EVALUATE_OPTIONS[key as keyof typeof EVALUATE_OPTIONS].flag}`,
      );
    }
  });

  it.each(specs)('%s has the same domain in both', (key, spec) => {
    const property = properties[key];
    expect(property).toBeDefined();
    if (property === undefined) {
      return;
    }

    const domain = spec.domain;
    switch (domain.type) {
      case 'integer':
        expect(property.type).toBe('integer');
        expect(property.minimum).toBe(domain.minimum);
        expect(property.maximum).toBe(domain.maximum);
        break;
      case 'enum':
        expect(property.enum).toEqual(domain.values);
        break;
      case 'path':
        expect(property.type).toBe('string');
        expect(property.minLength).toBe(1);
        break;
      case 'text':
        expect(property.type).toBe('string');
        expect(property.pattern).toBe(domain.pattern.source);
        break;
      case 'size':
        expect(property.type).toBe('string');
        expect(property.examples).toEqual(['513x513']);
        break;
      case 'classNames':
        expect(property.type).toEqual(['array', 'string']);
        expect(property.items?.type).toBe('string');
        break;
      case 'switch':
        expect(property.type).toBe('boolean');
        break;
    }
  });

  it.each(['513x513', '1x1', '01x2', '10x0', '0x10', '00x5', '513', 'x5', '5x', '5X5', '-5x5'])(
    'inputSize pattern agrees with the parser on %j',
    (text) => {
      const schemaAccepts = new RegExp(properties['inputSize']?.pattern ?? '').test(text);
      let parserAccepts = true;
      try {
        parseSizeText(text, '--input-size');
      } catch {
        parserAccepts = false;
      }
      expect(schemaAccepts).toBe(parserAccepts);
    },
  );

  it('accepts a config with every key set', () => {
    const content = {
      data: 'VOC2012',
      split: 'val',
      ids: 'ids.txt',
      images: 'images',
      labels: 'labels',
      limit: 10,
      skipMissing: true,
      maxPixels: 1000,
      model: 'm.onnx',
      predictions: 'masks',
      numClasses: 21,
      classNames: '@names.txt',
      ignoreIndex: 255,
      normalize: 'tf',
      channelOrder: 'rgb',
      inputSize: '513x513',
      resize: 'pad',
      layout: 'nhwc',
      upsample: 'classes',
      device: 'cpu',
      threads: 2,
      report: 'report.json',
      summary: 'summary.md',
      savePredictions: 'out',
      progress: 'off',
    };
    expect(Object.keys(content).sort()).toEqual(Object.keys(properties).sort());
    expect(validateConfigContent(content, '/c.json')).toEqual(content);
  });
});
