import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { ReportValidationError } from '../../../src/report/validate.js';
import { writeReportAtomic, writeTextAtomic } from '../../../src/report/write.js';
import { sampleReport } from './sample-reports.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'seg-gate-write-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeReportAtomic', () => {
  it('writes JSON that parses back to the report', async () => {
    const path = join(folder, 'report.json');

    await writeReportAtomic(path, sampleReport());

    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(sampleReport());
  });

  it('leaves no temporary file', async () => {
    await writeReportAtomic(join(folder, 'report.json'), sampleReport());

    expect(await readdir(folder)).toEqual(['report.json']);
  });

  it('creates missing parent folders', async () => {
    const path = join(folder, 'out', 'nested', 'report.json');

    await writeReportAtomic(path, sampleReport());

    expect(await readdir(join(folder, 'out', 'nested'))).toEqual(['report.json']);
  });

  it('replaces an existing report', async () => {
    const path = join(folder, 'report.json');
    await writeFile(path, '{"old": true}\n');

    await writeReportAtomic(path, sampleReport());

    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(sampleReport());
  });

  it('keeps the target when validation fails', async () => {
    const path = join(folder, 'report.json');
    await writeFile(path, 'previous report\n');
    const invalid = { ...sampleReport(), verdict: 'pass' as const };

    await expect(writeReportAtomic(path, invalid)).rejects.toThrow(ReportValidationError);

    expect(await readFile(path, 'utf8')).toBe('previous report\n');
    expect(await readdir(folder)).toEqual(['report.json']);
  });

  it('creates no file when validation fails', async () => {
    const path = join(folder, 'out', 'report.json');
    const invalid = { ...sampleReport(), classes: [] };

    await expect(writeReportAtomic(path, invalid)).rejects.toThrow(ReportValidationError);

    expect(await readdir(folder)).toEqual([]);
  });
});

describe('writeTextAtomic', () => {
  it('writes the text exactly', async () => {
    const path = join(folder, 'summary.md');

    await writeTextAtomic(path, '## seg-gate: PASS\n\nmIoU 0.7 — ok\n');

    expect(await readFile(path, 'utf8')).toBe('## seg-gate: PASS\n\nmIoU 0.7 — ok\n');
  });

  it('removes the temporary file when the rename fails', async () => {
    const path = join(folder, 'summary.md');
    await mkdir(path);
    await writeFile(join(path, 'keep.txt'), 'x');

    const failure = writeTextAtomic(path, 'text');

    await expect(failure).rejects.toThrow(UsageError);
    await expect(failure).rejects.toThrow(`Failed to write ${path}`);
    expect(await readdir(folder)).toEqual(['summary.md']);
    expect(await readdir(path)).toEqual(['keep.txt']);
  });

  it('names the path when the parent is a file', async () => {
    await writeFile(join(folder, 'blocker'), 'not a folder');
    const path = join(folder, 'blocker', 'summary.md');

    await expect(writeTextAtomic(path, 'text')).rejects.toThrow(
      new RegExp(`^Failed to write ${path}: .*blocker exists and is not a folder`),
    );
    expect(await readdir(folder)).toEqual(['blocker']);
  });
});
