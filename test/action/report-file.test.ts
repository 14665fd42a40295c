import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readReportFile, reportOf } from '../../src/action/report-file.js';
import { makeReport } from './helpers/report-fixture.js';

const folder = mkdtempSync(join(tmpdir(), 'seg-gate-report-file-'));

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('readReportFile', () => {
  it('reads a report that matches the schema', async () => {
    const report = makeReport({});
    const file = await readReportFile(write('valid.json', JSON.stringify(report)));

    expect(file.kind).toBe('read');
    expect(reportOf(file)).toEqual(report);
  });

  it('names a missing file', async () => {
    const path = join(folder, 'absent.json');

    expect(await readReportFile(path)).toEqual({
      kind: 'unusable',
      reason: `no report at ${path}`,
    });
  });

  it('names a file that is not JSON', async () => {
    const path = write('truncated.json', '{"verdict": "pa');
    const file = await readReportFile(path);

    expect(file.kind).toBe('unusable');
    expect(file.kind === 'unusable' ? file.reason : '').toMatch(
      new RegExp(`^the report ${path} is not JSON: `),
    );
  });

  it('lists schema violations', async () => {
    const report = {
      ...makeReport({}),
      checks: [{ id: 'collapse.dominant-class', status: 'fail', message: 'background 100%' }],
    };
    const path = write('inconsistent.json', JSON.stringify(report));
    const file = await readReportFile(path);

    expect(file).toEqual({
      kind: 'unusable',
      reason: `${path} is not a valid seg-gate report (1 violation):\n  /checks: a check has status "fail", so the verdict must be "fail", not "pass"`,
    });
    expect(reportOf(file)).toBeNull();
  });
});
