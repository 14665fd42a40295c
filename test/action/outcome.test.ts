import { describe, expect, it } from 'vitest';

import { interpretEngineExit } from '../../src/action/outcome.js';
import type { ReportFile } from '../../src/action/report-file.js';
import type { Report } from '../../src/report/types.js';
import { makeReport } from './helpers/report-fixture.js';

const MISSING: ReportFile = { kind: 'unusable', reason: 'no report at /t/report.json' };

function read(report: Report): ReportFile {
  return { kind: 'read', report };
}

describe('interpretEngineExit', () => {
  it('maps exit 0 and 1 with a report to pass and fail', () => {
    expect(
      interpretEngineExit({ code: 0, signal: null, stderrTail: '' }, read(makeReport({}))),
    ).toEqual({ kind: 'pass' });
    expect(
      interpretEngineExit(
        { code: 1, signal: null, stderrTail: '' },
        read(makeReport({ verdict: 'fail' })),
      ),
    ).toEqual({ kind: 'fail' });
  });

  it('treats a missing report after exit 0 as an internal error', () => {
    expect(interpretEngineExit({ code: 0, signal: null, stderrTail: '' }, MISSING)).toEqual({
      kind: 'error',
      cause: 'internal',
      message:
        'The engine exited with code 0, but its report is unusable: no report at /t/report.json',
    });
  });

  it('takes the message of exit 2 and 3 from the report', () => {
    const usage = makeReport({
      verdict: 'error',
      error: { kind: 'usage', message: 'Invalid value for --limit.' },
    });

    expect(interpretEngineExit({ code: 2, signal: null, stderrTail: '' }, read(usage))).toEqual({
      kind: 'error',
      cause: 'usage',
      message: 'Invalid value for --limit.',
    });
    expect(interpretEngineExit({ code: 2, signal: null, stderrTail: '' }, MISSING)).toMatchObject({
      cause: 'input',
    });
    expect(interpretEngineExit({ code: 3, signal: null, stderrTail: '' }, MISSING)).toMatchObject({
      cause: 'internal',
      message:
        'The engine failed with an internal error (exit code 3); the log above has the message.',
    });
  });

  it('calls a signal or an unknown exit code a crash', () => {
    const killed = interpretEngineExit(
      { code: null, signal: 'SIGKILL', stderrTail: '' },
      read(makeReport({})),
    );
    const aborted = interpretEngineExit({ code: 134, signal: null, stderrTail: '' }, MISSING);

    expect(killed).toEqual({
      kind: 'error',
      cause: 'crash',
      message: expect.stringContaining('killed by SIGKILL'),
    });
    expect(aborted).toEqual({
      kind: 'error',
      cause: 'crash',
      message: expect.stringContaining('exited with code 134, which it never uses'),
    });
  });

  it('quotes the end of stderr without a report message', () => {
    const stderr =
      'progress: 0/4\n\nerror: unknown option --min-class-iou\n(Did you mean --min-iou?)\n';

    expect(interpretEngineExit({ code: 2, signal: null, stderrTail: stderr }, MISSING)).toEqual({
      kind: 'error',
      cause: 'input',
      message:
        'The engine rejected its options or input (exit code 2): progress: 0/4 unknown option --min-class-iou (Did you mean --min-iou?)',
    });
  });
});
