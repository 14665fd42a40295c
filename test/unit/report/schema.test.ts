import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import reportSchema from '../../../schemas/report.schema.json' with { type: 'json' };
import type { CheckRecord, CheckStatus } from '../../../src/checks/types.js';
import {
  CHANNEL_ORDERS,
  DEVICES,
  LAYOUTS,
  NORMALIZE_MODES,
  RESIZE_MODES,
  UPSAMPLE_MODES,
} from '../../../src/config/settings.js';
import type {
  ClassReport,
  DatasetReport,
  ErrorReport,
  ImageReport,
  MetricsReport,
  ModelReport,
  PreprocessingReport,
  Report,
  TimingReport,
  Verdict,
} from '../../../src/report/types.js';
import { REPORT_SCHEMA_VERSION } from '../../../src/report/types.js';

/*
 * Keeps the TypeScript types and the published schema in step. Each record below must name every
 * key of its type and nothing else (the compiler rejects a missing or an extra key), and the tests
 * compare the key lists with the schema's `required` and `properties`.
 */
const REPORT_KEYS: Record<keyof Report, true> = {
  baseline: true,
  overlays: true,
  schemaVersion: true,
  tool: true,
  verdict: true,
  error: true,
  dataset: true,
  model: true,
  preprocessing: true,
  metrics: true,
  classes: true,
  confusionMatrix: true,
  checks: true,
  images: true,
  warnings: true,
  timing: true,
};
const TOOL_KEYS: Record<keyof Report['tool'], true> = { name: true, version: true };
const ERROR_KEYS: Record<keyof ErrorReport, true> = { kind: true, message: true };
const DATASET_KEYS: Record<keyof DatasetReport, true> = {
  source: true,
  root: true,
  split: true,
  idsFile: true,
  imagesDir: true,
  labelsDir: true,
  listed: true,
  evaluated: true,
  skippedMissing: true,
  skippedIds: true,
  numClasses: true,
  ignoreIndex: true,
  fingerprint: true,
};
const MODEL_KEYS: Record<keyof ModelReport, true> = {
  kind: true,
  path: true,
  decoding: true,
  details: true,
};
const PREPROCESSING_KEYS: Record<keyof PreprocessingReport, true> = {
  normalize: true,
  channelOrder: true,
  inputSize: true,
  resize: true,
  layout: true,
  upsample: true,
  device: true,
  threads: true,
};
const METRICS_KEYS: Record<keyof MetricsReport, true> = {
  miou: true,
  pixelAccuracy: true,
  meanRecall: true,
  fwIou: true,
  scoredPixels: true,
  ignoredPixels: true,
  unscoredPixels: true,
};
const CLASS_KEYS: Record<keyof ClassReport, true> = {
  id: true,
  name: true,
  iou: true,
  recall: true,
  precision: true,
  support: true,
  predicted: true,
  intersection: true,
  union: true,
};
const CHECK_KEYS: Record<keyof CheckRecord, true> = { id: true, status: true, message: true };
const IMAGE_KEYS: Record<keyof ImageReport, true> = {
  id: true,
  width: true,
  height: true,
  ignoredPixels: true,
  scored: true,
  counts: true,
};
const TIMING_KEYS: Record<keyof TimingReport, true> = {
  startedAt: true,
  totalMs: true,
  openMs: true,
  decodeMs: true,
  preprocessMs: true,
  inferenceMs: true,
  metricsMs: true,
  imagesPerSecond: true,
};

const VERDICTS: Record<Verdict, true> = { pass: true, fail: true, error: true };
const CHECK_STATUSES: Record<CheckStatus, true> = {
  pass: true,
  warn: true,
  fail: true,
  skip: true,
};
const ERROR_KINDS: Record<ErrorReport['kind'], true> = { usage: true, input: true, internal: true };
const MODEL_KINDS: Record<ModelReport['kind'], true> = {
  onnx: true,
  tfjs: true,
  predictions: true,
};
const DATASET_SOURCES: Record<DatasetReport['source'], true> = { voc: true, folders: true };

interface ObjectSchema {
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, { readonly enum?: readonly unknown[] }>>;
}

const defs = reportSchema.$defs as unknown as Readonly<Record<string, ObjectSchema>>;

function objectSchema(name: string): ObjectSchema {
  const schema = name === 'report' ? (reportSchema as unknown as ObjectSchema) : defs[name];
  if (schema === undefined) {
    throw new Error(`schema has no $defs/${name}`);
  }
  return schema;
}

const OBJECT_TYPES: readonly [string, () => ObjectSchema, Record<string, true>][] = [
  ['report', () => objectSchema('report'), REPORT_KEYS],
  ['tool', () => reportSchema.properties.tool as unknown as ObjectSchema, TOOL_KEYS],
  ['error', () => objectSchema('error'), ERROR_KEYS],
  ['dataset', () => objectSchema('dataset'), DATASET_KEYS],
  ['model', () => objectSchema('model'), MODEL_KEYS],
  ['preprocessing', () => objectSchema('preprocessing'), PREPROCESSING_KEYS],
  ['metrics', () => objectSchema('metrics'), METRICS_KEYS],
  ['class', () => objectSchema('class'), CLASS_KEYS],
  ['check', () => objectSchema('check'), CHECK_KEYS],
  ['image', () => objectSchema('image'), IMAGE_KEYS],
  ['timing', () => objectSchema('timing'), TIMING_KEYS],
];

function sorted(values: Iterable<unknown>): unknown[] {
  return [...values].sort();
}

describe('report schema', () => {
  it('is a valid draft 2020-12 schema', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });

    expect(reportSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(reportSchema)).toBe(true);
  });

  it('pins the schema version of the type', () => {
    expect(reportSchema.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
  });

  it.each(OBJECT_TYPES)('requires exactly the keys of type %s', (_name, schema, keys) => {
    expect(sorted(schema().required)).toEqual(sorted(Object.keys(keys)));
  });

  it.each(OBJECT_TYPES)('describes exactly the keys of type %s', (_name, schema, keys) => {
    expect(sorted(Object.keys(schema().properties))).toEqual(sorted(Object.keys(keys)));
  });

  it.each([
    ['report', 'verdict', VERDICTS],
    ['check', 'status', CHECK_STATUSES],
    ['error', 'kind', ERROR_KINDS],
    ['model', 'kind', MODEL_KINDS],
    ['dataset', 'source', DATASET_SOURCES],
  ] as const)('lists the %s.%s values of the type', (name, property, values) => {
    expect(sorted(objectSchema(name).properties[property]?.enum ?? [])).toEqual(
      sorted(Object.keys(values)),
    );
  });

  it.each([
    ['normalize', [...NORMALIZE_MODES, null]],
    ['channelOrder', CHANNEL_ORDERS],
    ['resize', RESIZE_MODES],
    ['layout', LAYOUTS],
    ['upsample', UPSAMPLE_MODES],
    ['device', DEVICES],
  ] as const)('lists the preprocessing %s values of the settings', (property, values) => {
    const schemaValues = objectSchema('preprocessing').properties[property]?.enum ?? [];
    expect(sorted(schemaValues)).toEqual(sorted(values));
  });

  // Subschemas of if/then/else, not and contains only restate constraints of described properties.
  it('gives every property and definition a title and description', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') {
        return;
      }
      const record = node as Record<string, unknown>;
      for (const container of ['properties', '$defs'] as const) {
        const children = record[container];
        if (children === undefined || /\/(if|then|else|not|contains)(\/|$)/.test(path)) {
          continue;
        }
        for (const [key, child] of Object.entries(children as Record<string, unknown>)) {
          const entry = child as Record<string, unknown>;
          if (typeof entry['title'] !== 'string' || typeof entry['description'] !== 'string') {
            missing.push(`${path}/${container}/${key}`);
          }
        }
      }
      for (const [key, child] of Object.entries(record)) {
        visit(child, `${path}/${key}`);
      }
    };

    visit(reportSchema, '#');

    expect(missing).toEqual([]);
  });
});
