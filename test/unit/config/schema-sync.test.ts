import { Option } from 'commander';
import { describe, expect, it } from 'vitest';

import configSchema from '../../../schemas/config.schema.json' with { type: 'json' };
import { CHECK_IDS } from '../../../src/checks/ids.js';
import { CHECK_LEVELS } from '../../../src/checks/levels.js';
import { createEvaluateCommand } from '../../../src/cli/evaluate-command.js';
import { validateConfigContent } from '../../../src/config/config-schema.js';
import { EVALUATE_OPTIONS } from '../../../src/config/evaluate-options.js';
import { configKeyOf, type SettingSpec } from '../../../src/config/setting-spec.js';
import { parseLabelMapText, parseSizeText } from '../../../src/config/values.js';
import { UsageError } from '../../../src/errors.js';

interface PropertySchema {
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly examples?: readonly unknown[];
  readonly items?: { readonly type?: string };
  readonly properties?: Readonly<Record<string, PropertySchema & { readonly $ref?: string }>>;
  readonly additionalProperties?: boolean | { readonly $ref?: string };
  readonly $ref?: string;
}

const properties = configSchema.properties as unknown as Record<string, PropertySchema>;
const definitions = configSchema.$defs as unknown as Record<string, PropertySchema>;
const specs = Object.entries(EVALUATE_OPTIONS) as [string, SettingSpec<unknown>][];

/** Keys that only a config file can set. Every other key has a flag. */
const CONFIG_ONLY_KEYS = ['classThresholds'];

/** Returns the schema that a `$ref` of the form `#/$defs/<name>` points to. */
function definitionOf(ref: string | undefined): PropertySchema | undefined {
  const name = ref?.replace(/^#\/\$defs\//, '');
  return name === undefined ? undefined : definitions[name];
}

/** True when `parse` accepts `text`, false when it throws a UsageError. */
function accepts(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return false;
  }
}

describe('config schema and option table', () => {
  it('list the same keys', () => {
    expect(Object.keys(properties).sort()).toEqual(Object.keys(EVALUATE_OPTIONS).sort());
  });

  it('name each key after its flag', () => {
    for (const [key, spec] of specs) {
      expect(spec.configKey, key).toBe(key);
      if (spec.flag === null) {
        continue;
      }
      expect(configKeyOf(spec.flag), spec.flag).toBe(key);
      expect(new Option(spec.flag).attributeName(), spec.flag).toBe(key);
    }
  });

  it('list the config-only keys', () => {
    const configOnly = specs.filter(([, spec]) => spec.flag === null).map(([key]) => key);
    expect(configOnly).toEqual(CONFIG_ONLY_KEYS);
  });

  it('give every evaluate option a config key', () => {
    const command = createEvaluateCommand('/work', () => Promise.resolve());
    const attributes = new Set(command.options.map((option) => option.attributeName()));
    attributes.delete('config');
    const withFlag = Object.keys(properties).filter((key) => !CONFIG_ONLY_KEYS.includes(key));
    expect([...attributes].sort()).toEqual(withFlag.sort());
  });

  it('describe every key', () => {
    expect(configSchema.$id).toBe('urn:seg-gate:schema:config:1');
    expect(configSchema.additionalProperties).toBe(false);
    for (const [key, property] of Object.entries(properties)) {
      expect(property.title, key).toBeTruthy();
      const flag = EVALUATE_OPTIONS[key as keyof typeof EVALUATE_OPTIONS].flag;
      if (flag === null) {
        expect(property.description, key).toContain('No command-line option');
      } else {
        expect(property.description, key).toContain(`Same as ${flag}`);
      }
    }
  });

  it.each(specs)('%s has the same numeric default in both', (key, spec) => {
    // Help text builds its defaults from the constants, but the schema is JSON and repeats them.
    const helpDefault = /Default: ([0-9][0-9.]*[0-9]|[0-9])\b/.exec(spec.help)?.[1];
    const schemaDefault = /Default: ([0-9][0-9.]*[0-9]|[0-9])\b/.exec(
      properties[key]?.description ?? '',
    )?.[1];
    expect(schemaDefault).toBe(helpDefault);
  });

  it('name the config-only keys in help', () => {
    const command = createEvaluateCommand('/work', () => Promise.resolve());
    let help = '';
    command.configureOutput({ writeOut: (text) => (help += text) });
    command.outputHelp();
    for (const key of CONFIG_ONLY_KEYS) {
      expect(help).toContain(key);
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
      case 'number':
        expect(property.type).toBe('number');
        expect(domain.exclusiveMinimum ? property.exclusiveMinimum : property.minimum).toBe(
          domain.minimum,
        );
        expect(domain.exclusiveMinimum ? property.minimum : property.exclusiveMinimum).toBe(
          undefined,
        );
        if (domain.maximum === null) {
          expect(property.maximum).toBeUndefined();
          expect(property.exclusiveMaximum).toBeUndefined();
        } else {
          expect(domain.exclusiveMaximum ? property.exclusiveMaximum : property.maximum).toBe(
            domain.maximum,
          );
          expect(domain.exclusiveMaximum ? property.maximum : property.exclusiveMaximum).toBe(
            undefined,
          );
        }
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
      case 'checkLevels': {
        expect(property.type).toBe('object');
        expect(property.additionalProperties).toBe(false);
        const ids = Object.entries(property.properties ?? {});
        expect(ids.map(([id]) => id)).toEqual(CHECK_IDS);
        for (const [id, level] of ids) {
          expect(definitionOf(level.$ref)?.enum, id).toEqual(CHECK_LEVELS);
        }
        break;
      }
      case 'classThresholds': {
        expect(property.type).toBe('object');
        const entry = definitionOf(
          typeof property.additionalProperties === 'object'
            ? property.additionalProperties.$ref
            : undefined,
        );
        expect(entry?.additionalProperties).toBe(false);
        for (const field of ['minIou', 'minRecall']) {
          expect(entry?.properties?.[field], field).toMatchObject({
            type: ['number', 'null'],
            minimum: 0,
            maximum: 1,
          });
        }
        break;
      }
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

  it.each([
    '15:1,*:0',
    ' 15 : 1 , * : 0 ',
    '0:255',
    '015:1',
    '',
    '15',
    '15:',
    ':1',
    '15:1,',
    '15-1',
    '*:*',
    'a:b',
  ])('labelMap pattern agrees with the parser on %j', (text) => {
    const schemaAccepts = new RegExp(properties['labelMap']?.pattern ?? '').test(text);
    const parserAccepts = accepts(() => parseLabelMapText(text, '--label-map'));
    expect(schemaAccepts).toBe(parserAccepts);
  });

  it.each(['256:0', '1:2,1:3', '*:0,*:1'])('labelMap pattern leaves %j to the parser', (text) => {
    // The pattern checks the syntax only: ids above 255 and repeated ids pass it.
    expect(new RegExp(properties['labelMap']?.pattern ?? '').test(text)).toBe(true);
    expect(accepts(() => parseLabelMapText(text, '--label-map'))).toBe(false);
  });

  it('lists CHECK_IDS under checks', () => {
    expect(Object.keys(properties['checks']?.properties ?? {})).toEqual(CHECK_IDS);
  });

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
      labelMap: '15:1,*:0',
      normalize: 'tf',
      channelOrder: 'rgb',
      inputSize: '513x513',
      resize: 'pad',
      layout: 'nhwc',
      upsample: 'classes',
      device: 'cpu',
      threads: 2,
      backend: 'wasm',
      threshold: 0.4,
      checks: { 'collapse.per-image': 'warn', 'threshold.miou': 'off' },
      classThresholds: { person: { minIou: 0.3, minRecall: null }, cat: {} },
      minMiou: 0.5,
      minClassIou: 0.2,
      minClassRecall: 0.3,
      baseline: 'baseline.json',
      maxMiouDrop: 0.02,
      maxClassIouDrop: 0.05,
      bootstrapResamples: 500,
      bootstrapSeed: 4294967295,
      dominantClassShare: 0.9,
      dominantClassExcess: 0.2,
      missingClassesFailFraction: 0.4,
      singleClassImagesFailFraction: 0.6,
      trivialMiouMargin: 0.1,
      interpolatedMaxInterior: 0.1,
      interpolatedMinBetween: 0.6,
      interpolatedMinPixels: 0,
      ignoredShareWarn: 0.2,
      ignoredShareFail: 0.4,
      maxAbsLogit: 500.5,
      constantMinImages: 2,
      report: 'report.json',
      summary: 'summary.md',
      savePredictions: 'out',
      progress: 'off',
      overlays: 4,
      overlaysDir: 'overlays',
    };
    expect(Object.keys(content).sort()).toEqual(Object.keys(properties).sort());
    expect(validateConfigContent(content, '/c.json')).toEqual(content);
  });
});
