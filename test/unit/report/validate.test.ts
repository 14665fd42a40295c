import { describe, expect, it } from 'vitest';
import { ReportValidationError, validateReport } from '../../../src/report/validate.js';
import type { ReportViolation } from '../../../src/report/validate.js';
import { errorReport, sampleReport } from './sample-reports.js';

/** Returns the violations `validateReport` throws for a value, or fails the test if it passes. */
function violationsOf(value: unknown): readonly ReportViolation[] {
  try {
    validateReport(value);
  } catch (error) {
    if (error instanceof ReportValidationError) {
      return error.violations;
    }
    throw error;
  }
  throw new Error('expected the value to be rejected');
}

function pathsOf(value: unknown): string[] {
  return violationsOf(value).map((violation) => violation.path);
}

/** Returns a JSON copy of the sample report that tests may change freely. */
function mutableSample(): Record<string, unknown> & {
  metrics: Record<string, unknown>;
  dataset: Record<string, unknown>;
  checks: Record<string, unknown>[];
  classes: Record<string, unknown>[];
  confusionMatrix: number[][];
  images: Record<string, unknown>[];
  timing: Record<string, unknown>;
} {
  return JSON.parse(JSON.stringify(sampleReport())) as ReturnType<typeof mutableSample>;
}

describe('validateReport', () => {
  it('accepts a full report', () => {
    const report = sampleReport();

    expect(validateReport(report)).toBe(report);
  });

  it('accepts the report after a JSON round trip', () => {
    const report = sampleReport();

    expect(validateReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('accepts an error report', () => {
    const report = errorReport();

    expect(validateReport(report)).toBe(report);
  });

  it('accepts a folders dataset', () => {
    const report = mutableSample();
    report.dataset = {
      ...report.dataset,
      source: 'folders',
      root: null,
      split: null,
      imagesDir: '/data/images',
      labelsDir: '/data/labels',
    };

    expect(() => validateReport(report)).not.toThrow();
  });

  it('rejects a ratio above 1', () => {
    const report = mutableSample();
    report.metrics['miou'] = 1.2;

    expect(violationsOf(report)).toEqual([
      { path: '/metrics/miou', message: 'must be <= 1, received 1.2' },
    ]);
  });

  it('rejects a check id without a family prefix', () => {
    const report = mutableSample();
    report.checks[0]!['id'] = 'labels.encoding';

    expect(pathsOf(report)).toEqual(['/checks/0/id']);
  });

  it('rejects an upper-case check id', () => {
    const report = mutableSample();
    report.checks[0]!['id'] = 'contract.Labels';

    expect(pathsOf(report)).toEqual(['/checks/0/id']);
  });

  it('rejects an error verdict without an error', () => {
    const report = { ...errorReport(), error: null };

    expect(violationsOf(report)).toEqual([
      { path: '/error', message: 'must be an object because the verdict is "error"' },
    ]);
  });

  it('rejects an error object on a fail verdict', () => {
    const report = { ...sampleReport(), error: { kind: 'internal', message: 'x' } };

    expect(violationsOf(report)).toEqual([
      { path: '/error', message: 'must be null because the verdict is not "error"' },
    ]);
  });

  it('rejects a pass verdict with a failed check', () => {
    const report = { ...sampleReport(), verdict: 'pass' };

    expect(pathsOf(report)).toEqual(['/checks']);
  });

  it('rejects a fail verdict without a failed check', () => {
    const report = mutableSample();
    report.checks = report.checks.filter((check) => check['status'] !== 'fail');

    expect(pathsOf(report)).toEqual(['/checks']);
  });

  it('rejects an unknown verdict', () => {
    const report = { ...sampleReport(), verdict: 'ok' };

    expect(violationsOf(report)).toContainEqual({
      path: '/verdict',
      message: 'must be one of "pass", "fail", "error", received "ok"',
    });
  });

  it('rejects unknown and missing properties', () => {
    const report: Record<string, unknown> = { ...sampleReport(), extra: true };
    delete report['timing'];

    expect(violationsOf(report)).toEqual([
      { path: '', message: "must have required property 'timing'" },
      { path: '', message: 'unknown property "extra"' },
    ]);
  });

  it('rejects a non-object', () => {
    expect(violationsOf(null)).toEqual([{ path: '', message: 'must be object, received null' }]);
  });

  it('rejects a section of the wrong type once', () => {
    const report = { ...sampleReport(), metrics: 'high' };

    expect(violationsOf(report)).toEqual([
      { path: '/metrics', message: 'must be object, received "high"' },
    ]);
  });

  it('rejects a count triple of the wrong length', () => {
    const report = mutableSample();
    report.images[0]!['counts'] = [[0, 0]];

    expect(pathsOf(report)).toEqual(['/images/0/counts/0']);
  });

  it('rejects a negative and a fractional count', () => {
    const report = mutableSample();
    report.classes[3]!['support'] = -1;
    report.metrics['scoredPixels'] = 1.5;

    expect(pathsOf(report)).toEqual(['/metrics/scoredPixels', '/classes/3/support']);
  });

  it('rejects a fingerprint that is not sha256 hex', () => {
    const report = mutableSample();
    report.dataset['fingerprint'] = 'ABC';

    expect(pathsOf(report)).toEqual(['/dataset/fingerprint']);
  });

  it('rejects a start time that is not a date-time', () => {
    const report = mutableSample();
    report.timing['startedAt'] = '2025-13-45 noon';

    expect(pathsOf(report)).toEqual(['/timing/startedAt']);
  });

  it('rejects a voc dataset with folder paths', () => {
    const report = mutableSample();
    report.dataset['imagesDir'] = '/data/images';

    expect(pathsOf(report)).toEqual(['/dataset/imagesDir']);
  });

  it('rejects a model detail that is an object', () => {
    const report = mutableSample();
    report['model'] = { ...(report['model'] as object), details: { shape: { width: 1 } } };

    expect(violationsOf(report)).toEqual([
      {
        path: '/model/details/shape',
        message:
          'must be a string, number, boolean, null or array of numbers, received {"width":1}',
      },
    ]);
  });

  it('lists every violation', () => {
    const report = mutableSample();
    report.metrics['miou'] = -0.1;
    report.checks[0]!['status'] = 'passed';
    report.images[2]!['width'] = 0;

    expect(pathsOf(report)).toEqual(['/metrics/miou', '/checks/0/status', '/images/2/width']);
  });

  it('rejects a confusion matrix row of the wrong width', () => {
    const report = mutableSample();
    report.confusionMatrix[3] = [1, 2, 3];

    expect(violationsOf(report)).toEqual([
      {
        path: '/confusionMatrix/3',
        message: '3 columns vs 21 classes: each row must have one column per class',
      },
    ]);
  });

  it('rejects classes out of id order', () => {
    const report = mutableSample();
    const [first, second] = report.classes;
    report.classes[0] = second!;
    report.classes[1] = first!;

    expect(pathsOf(report)).toEqual(['/classes/0/id', '/classes/1/id']);
  });

  it('rejects a class count that differs from the dataset', () => {
    const report = mutableSample();
    report.dataset['numClasses'] = 20;

    expect(pathsOf(report)).toEqual(['/classes']);
  });

  it('names the source and every path in the message', () => {
    const report = mutableSample();
    report.metrics['fwIou'] = 2;
    report.checks[0]!['id'] = 'x';

    expect(() => validateReport(report, 'baseline /tmp/base.json'))
      .toThrowErrorMatchingInlineSnapshot(`
      [ReportValidationError: baseline /tmp/base.json is not a valid seg-gate report (2 violations):
        /metrics/fwIou: must be <= 1, received 2
        /checks/0/id: must match pattern "^(contract|collapse|threshold|regression|training)\\.[a-z0-9.-]+$", received "x"]
    `);
  });

  it('cuts long received values', () => {
    const report = mutableSample();
    report.checks[0]!['id'] = `contract.${'A'.repeat(200)}`;

    const [violation] = violationsOf(report);

    expect(violation?.message.endsWith('…')).toBe(true);
    expect(violation?.message.length).toBeLessThan(200);
  });
});
