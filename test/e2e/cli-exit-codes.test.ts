import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { REPO_ROOT, runSegGate } from '../helpers/run-cli.js';

const EXAMPLE = join(REPO_ROOT, 'examples/shapes');

/** Options that evaluate the shapes example copied into `root`. */
function exampleArgs(root: string): string[] {
  return [
    'evaluate',
    '--data',
    join(root, 'VOC'),
    '--model',
    join(EXAMPLE, 'model.onnx'),
    '--num-classes',
    '4',
    '--class-names',
    'background,square,disc,triangle',
  ];
}

async function readReport(path: string): Promise<Report> {
  return JSON.parse(await readFile(path, 'utf8')) as Report;
}

describe('seg-gate evaluate exit codes', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seg-gate-exit-'));
    await cp(join(EXAMPLE, 'VOC'), join(root, 'VOC'), { recursive: true });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('exits 0 on the healthy example', async () => {
    const run = await runSegGate([...exampleArgs(root), '--normalize', 'unit']);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('PASS');
  });

  it('exits 2 and lists the modes when a model run has no normalisation', async () => {
    const report = join(root, 'no-normalize.json');
    const run = await runSegGate([...exampleArgs(root), '--report', report]);

    expect(run.exitCode).toBe(2);
    for (const mode of ['tf', 'torch', 'caffe', 'unit', 'none']) {
      expect(run.stderr).toContain(mode);
    }
    const written = await readReport(report);
    expect(written.verdict).toBe('error');
    expect(written.error?.kind).toBe('usage');
  });

  it('exits 2 naming every missing id', async () => {
    const ids = join(root, 'ids.txt');
    await writeFile(ids, 'shapes_000\nnot_there_1\nnot_there_2\n');
    const run = await runSegGate([...exampleArgs(root), '--normalize', 'unit', '--ids', ids]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('not_there_1');
    expect(run.stderr).toContain('not_there_2');
    expect(run.stderr).toContain('--skip-missing');
  });

  it('evaluates the present ids with --skip-missing and records the count', async () => {
    const ids = join(root, 'ids-skip.txt');
    const report = join(root, 'skip.json');
    await writeFile(ids, 'shapes_000\nnot_there_1\nshapes_001\n');
    const run = await runSegGate([
      ...exampleArgs(root),
      '--normalize',
      'unit',
      '--ids',
      ids,
      '--skip-missing',
      '--report',
      report,
    ]);
    const written = await readReport(report);

    expect(run.exitCode).toBe(0);
    expect(written.dataset?.evaluated).toBe(2);
    expect(written.dataset?.skippedMissing).toBe(1);
    expect(written.dataset?.skippedIds).toEqual(['not_there_1']);
    expect(written.warnings.join(' ')).toContain('not_there_1');
  });

  it('exits 2 when an image declares more pixels than --max-pixels', async () => {
    const run = await runSegGate([
      ...exampleArgs(root),
      '--normalize',
      'unit',
      '--max-pixels',
      '100',
    ]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--max-pixels');
  });

  it('exits 2 and reports every config violation with its path', async () => {
    const config = join(root, 'bad.yml');
    await writeFile(config, 'numClasses: many\nnormalize: imagenet\nunknownKey: 1\n');
    const run = await runSegGate(['evaluate', '--config', config]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('/numClasses');
    expect(run.stderr).toContain('/normalize');
    expect(run.stderr).toContain('unknownKey');
  });

  it('exits 1 with a labels contract failure for an RGB label', async () => {
    const broken = await mkdtemp(join(root, 'rgb-'));
    await cp(join(EXAMPLE, 'VOC'), broken, { recursive: true });
    const label = join(broken, 'SegmentationClass/shapes_003.png');
    await sharp(await readFile(label))
      .toColourspace('srgb')
      .png({ palette: false })
      .toFile(`${label}.rgb.png`);
    await cp(`${label}.rgb.png`, label);
    const report = join(root, 'rgb.json');

    const run = await runSegGate([
      'evaluate',
      '--data',
      broken,
      '--model',
      join(EXAMPLE, 'model.onnx'),
      '--normalize',
      'unit',
      '--num-classes',
      '4',
      '--report',
      report,
    ]);
    const written = await readReport(report);
    const check = written.checks.find((entry) => entry.id === 'contract.labels.encoding');

    expect(run.exitCode).toBe(1);
    expect(written.verdict).toBe('fail');
    expect(check?.status).toBe('fail');
    expect(check?.message).toContain('shapes_003 (rgb, 8-bit)');
    expect(check?.message).toContain('Broken by the labels.');
  });

  it('exits 2 before evaluating when an output folder is a file', async () => {
    const blocker = join(root, 'blocker');
    await writeFile(blocker, 'a file, not a folder');
    const run = await runSegGate([
      ...exampleArgs(root),
      '--normalize',
      'unit',
      '--overlays',
      '2',
      '--overlays-dir',
      join(blocker, 'overlays'),
    ]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`Cannot write --overlays-dir ${join(blocker, 'overlays')}`);
    expect(run.stderr).toContain('exists and is not a folder');
    expect(run.stderr).not.toContain('Evaluating');
  });

  it('exits 2 for a report folder that cannot be created', async () => {
    const run = await runSegGate([
      ...exampleArgs(root),
      '--normalize',
      'unit',
      '--report',
      '/proc/seg-gate-missing/report.json',
    ]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Cannot write --report /proc/seg-gate-missing/report.json');
  });

  it('warns about options that have no effect', async () => {
    const report = join(root, 'unused.json');
    const predictions = join(root, 'predictions');
    await runSegGate([
      ...exampleArgs(root),
      '--normalize',
      'unit',
      '--save-predictions',
      predictions,
    ]);
    const run = await runSegGate([
      'evaluate',
      '--data',
      join(root, 'VOC'),
      '--predictions',
      predictions,
      '--num-classes',
      '4',
      '--normalize',
      'tf',
      '--overlays-dir',
      join(root, 'unused-overlays'),
      '--report',
      report,
    ]);
    const written = await readReport(report);

    expect(run.exitCode).toBe(0);
    expect(written.warnings.join(' ')).toContain('--normalize tf has no effect with --predictions');
    expect(written.warnings.join(' ')).toContain('has no effect while --overlays is 0');
  });

  it('exits 2 naming a prediction folder that does not exist', async () => {
    const run = await runSegGate([
      'evaluate',
      '--data',
      join(root, 'VOC'),
      '--predictions',
      join(root, 'no-such-folder'),
      '--num-classes',
      '4',
    ]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no-such-folder/);
  });
});
