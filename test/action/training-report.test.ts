import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { renderJobSummary } from '../../src/action/summary/render.js';
import { trainingSection } from '../../src/action/summary/training.js';
import {
  readTrainingReport,
  summarizeTrainingReport,
  withTrainingOutcome,
} from '../../src/action/training-report.js';
import type { TrainingSummary } from '../../src/action/training-report.js';

// Written by `seg-gate train` on examples/shapes-tfjs/model.json and examples/shapes/VOC for 2
// steps on the cpu backend, with the temporary paths replaced by /runner/temp/seg-gate.
const FIXTURE = join(import.meta.dirname, 'fixtures', 'training-report.json');

function fixture(): Record<string, unknown> {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
}

const EXIT_1 = { code: 1, signal: null, stderrTail: '' };

describe('readTrainingReport', () => {
  it('reads the fixture report', async () => {
    const file = await readTrainingReport(FIXTURE);
    if (file.kind !== 'read') {
      throw new Error(`expected a read report, got ${file.kind}`);
    }

    expect(file.summary.verdict).toBe('pass');
    expect(file.summary.requestedSteps).toBe(2);
    expect(file.summary.losses).toEqual([0.0296034999191761, 0.026810921728610992]);
    expect(file.summary.meanStepMs).toBe(295.06304);
    expect(file.summary.backend).toEqual({
      name: 'cpu',
      source: '@tensorflow/tfjs-backend-cpu 4.22.0',
    });
    expect(file.summary.checkpoint).toBe('/runner/temp/seg-gate/checkpoint/model.json');
    expect(file.summary.checks).toHaveLength(10);
  });

  it('returns missing without a file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'seg-gate-training-'));

    expect(await readTrainingReport(join(folder, 'training.json'))).toEqual({ kind: 'missing' });
  });

  it('returns unusable for text that is no JSON object', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'seg-gate-training-'));
    const notJson = join(folder, 'a.json');
    const list = join(folder, 'b.json');
    writeFileSync(notJson, '{"steps": [');
    writeFileSync(list, '[]');

    const first = await readTrainingReport(notJson);
    expect(first.kind).toBe('unusable');
    expect(first.kind === 'unusable' ? first.reason : '').toContain(`${notJson} is not JSON`);
    expect(await readTrainingReport(list)).toEqual({
      kind: 'unusable',
      reason: `${list} is not a JSON object`,
    });
  });
});

describe('summarizeTrainingReport', () => {
  it('turns fields of the wrong type into null', () => {
    const summary = summarizeTrainingReport({
      verdict: 'maybe',
      parameters: { steps: '2' },
      backend: { source: 'x' },
      steps: [{ loss: null }, { loss: 1.5 }, 'step', { ms: 3 }],
      checks: [
        { id: 'training.loss.finite', status: 'fail', message: 'NaN at step 1.' },
        { id: 'training.other', status: 'broken' },
        { id: 'training.no-message', status: 'warn' },
      ],
      timing: null,
    });

    expect(summary).toEqual({
      verdict: null,
      requestedSteps: null,
      losses: [null, 1.5, null],
      meanStepMs: null,
      backend: null,
      checkpoint: null,
      checks: [
        { id: 'training.loss.finite', status: 'fail', message: 'NaN at step 1.' },
        { id: 'training.no-message', status: 'warn', message: '' },
      ],
    });
  });
});

describe('withTrainingOutcome', () => {
  const failedTraining: TrainingSummary = {
    ...summarizeTrainingReport(fixture()),
    verdict: 'fail',
  };
  const noReport = { kind: 'error', cause: 'internal', message: 'no report' } as const;

  it('turns a stop on a training check into a fail', () => {
    expect(withTrainingOutcome(noReport, EXIT_1, failedTraining)).toEqual({ kind: 'fail' });
  });

  it('keeps other outcomes', () => {
    const passed = summarizeTrainingReport(fixture());

    expect(withTrainingOutcome(noReport, EXIT_1, passed)).toBe(noReport);
    expect(withTrainingOutcome(noReport, EXIT_1, null)).toBe(noReport);
    expect(withTrainingOutcome(noReport, { ...EXIT_1, code: 3 }, failedTraining)).toBe(noReport);
    expect(withTrainingOutcome({ kind: 'pass' }, EXIT_1, failedTraining)).toEqual({
      kind: 'pass',
    });
  });
});

describe('trainingSection', () => {
  it('renders the fixture report', () => {
    expect(trainingSection(summarizeTrainingReport(fixture()))).toMatchInlineSnapshot(`
      "### Training

      | Training | Value |
      | :--- | :--- |
      | Steps | 2 of 2 |
      | First loss | 0.0296 |
      | Last loss | 0.0268 |
      | Mean step time | 295ms |
      | Backend | cpu (@tensorflow/tfjs-backend-cpu 4.22.0) |

      | Check | Status |
      | :--- | :--- |
      | training.contract.output | pass |
      | training.contract.labels | pass |
      | training.contract.label-shape | pass |
      | training.contract.saved-loss | pass |
      | training.contract.final-softmax | pass |
      | training.contract.dilated-rewrite | pass |
      | training.loss.first-step | pass |
      | training.loss.finite | pass |
      | training.weights.updated | pass |
      | training.checkpoint.reload | pass |"
    `);
  });

  it('lists the message of a failed check', () => {
    const training = summarizeTrainingReport({
      ...fixture(),
      steps: [{ step: 1, loss: 9.5, ms: 12, maxWeightChange: 0 }],
      checks: [
        {
          id: 'training.loss.first-step',
          status: 'fail',
          message: 'The first step loss 9.5000 is above 3 x ln C = 4.1589.',
        },
      ],
    });
    const markdown = trainingSection(training);

    expect(markdown).toContain('| Steps | 1 of 2 |');
    expect(markdown).toContain('| First loss | 9.5000 |');
    expect(markdown).toContain('| Last loss | 9.5000 |');
    expect(markdown).toContain('| training.loss.first-step | fail |');
    expect(markdown).toContain(
      '- **training.loss.first-step**: The first step loss 9.5000 is above 3 x ln C = 4.1589.',
    );
  });

  it('shows no values for an empty report', () => {
    const markdown = trainingSection(summarizeTrainingReport({}));

    expect(markdown).toContain('| Steps | 0 |');
    expect(markdown).toContain('| First loss | — |');
    expect(markdown).toContain('| Mean step time | — |');
    expect(markdown).toContain('| Backend | — |');
    expect(markdown).not.toContain('| Check | Status |');
  });

  it('comes after the verdict in the job summary', () => {
    const markdown = renderJobSummary({
      outcome: { kind: 'fail' },
      report: null,
      baseline: { kind: 'none', reason: 'the evaluation did not run', warn: false },
      baselineRejection: null,
      save: null,
      overlays: [],
      reportPath: '/t/report.json',
      thresholds: { minClassIou: null, minClassRecall: null, maxClassIouDrop: 0.1 },
      training: summarizeTrainingReport(fixture()),
    });

    expect(markdown.startsWith('## seg-gate: ❌ FAIL\n\n### Training\n')).toBe(true);
    expect(markdown.indexOf('### Training')).toBeLessThan(markdown.indexOf('### Baseline'));
  });
});
