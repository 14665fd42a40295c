import { describe, expect, it } from 'vitest';

import { baselineRejection } from '../../src/action/baseline/rejection.js';
import type { EngineExit } from '../../src/action/engine/run.js';
import { makeReport } from './helpers/report-fixture.js';

const BASELINE = '/runner/temp/seg-gate/baseline-restore/baseline/report.json';
const EXIT_2: EngineExit = { code: 2, signal: null, stderrTail: '' };

function inputError(message: string) {
  return makeReport({ verdict: 'error', error: { kind: 'input', message } });
}

describe('baselineRejection', () => {
  it('takes the reason of a comparison error', () => {
    const report = inputError(
      `Cannot compare with the baseline ${BASELINE}: baseline fingerprint 1096aeb24ceb… vs current ee2c5d3d6d9d…: the baseline was computed on other images or labels.`,
    );

    expect(baselineRejection(EXIT_2, report, BASELINE)).toBe(
      'baseline fingerprint 1096aeb24ceb… vs current ee2c5d3d6d9d…: the baseline was computed on other images or labels',
    );
  });

  it('keeps the whole message of a load error', () => {
    const report = inputError(
      `The baseline ${BASELINE} is not a seg-gate report of this schema version: /schemaVersion must be 1.`,
    );

    expect(baselineRejection(EXIT_2, report, BASELINE)).toBe(
      `The baseline ${BASELINE} is not a seg-gate report of this schema version: /schemaVersion must be 1`,
    );
  });

  it('ignores errors that do not name the baseline', () => {
    const report = inputError('Failed to load ONNX model /m/model.onnx: protobuf parsing failed.');

    expect(baselineRejection(EXIT_2, report, BASELINE)).toBeNull();
  });

  it('ignores other exits and error kinds', () => {
    const message = `Cannot compare with the baseline ${BASELINE}: class lists differ.`;
    const usage = makeReport({ verdict: 'error', error: { kind: 'usage', message } });

    expect(baselineRejection({ ...EXIT_2, code: 3 }, inputError(message), BASELINE)).toBeNull();
    expect(
      baselineRejection({ ...EXIT_2, signal: 'SIGKILL' }, inputError(message), BASELINE),
    ).toBeNull();
    expect(baselineRejection(EXIT_2, usage, BASELINE)).toBeNull();
    expect(baselineRejection(EXIT_2, null, BASELINE)).toBeNull();
  });
});
