import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';

import { writeInitialCheckpoint } from '../../examples/shapes-tfjs/make-initial.js';
import type { Report } from '../../src/report/types.js';
import type { TrainingReport } from '../../src/train/report.js';
import trainingReportSchema from '../../src/train/training-report.schema.json' with { type: 'json' };
import { REPO_ROOT, runSegGate } from '../helpers/run-cli.js';

const SHAPES_VOC = join(REPO_ROOT, 'examples', 'shapes', 'VOC');
const TRAINED_EXAMPLE = join(REPO_ROOT, 'examples', 'shapes-tfjs', 'model.json');

let folder = '';
let initial = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'seg-gate-train-e2e-'));
  initial = await writeInitialCheckpoint(join(folder, 'initial'));
});

function trainArgs(model: string, name: string, extra: readonly string[] = []): string[] {
  return [
    'train',
    '--model',
    model,
    '--data',
    SHAPES_VOC,
    '--split',
    'val',
    '--num-classes',
    '4',
    '--class-names',
    'background,square,disc,triangle',
    '--normalize',
    'unit',
    '--backend',
    'cpu',
    '--steps',
    '3',
    '--batch-size',
    '4',
    '--output',
    join(folder, name),
    '--report',
    join(folder, name, 'report.json'),
    '--training-report',
    join(folder, name, 'training.json'),
    '--progress',
    'off',
    ...extra,
  ];
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

describe('seg-gate train on the shapes example', () => {
  it('trains a fresh model, evaluates it and fails the collapse checks', async () => {
    const run = await runSegGate(trainArgs(initial, 'fresh', ['--learning-rate', '0.02']));

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/step 3\/3: loss [0-9.]+, [0-9]+ ms, ETA 0\.0 s/);
    const training = await readJson<TrainingReport>(join(folder, 'fresh', 'training.json'));
    expect(training.verdict).toBe('pass');
    expect(training.steps).toHaveLength(3);
    expect(training.data).toEqual({ examples: 16, inputSize: '32x32', outputSize: '16x16' });
    expect(training.evaluation).toMatchObject({ verdict: 'fail', exitCode: 1 });

    const report = await readJson<Report>(join(folder, 'fresh', 'report.json'));
    expect(report.verdict).toBe('fail');
    expect(report.model?.path).toBe(join(folder, 'fresh', 'model.json'));
    const failed = report.checks
      .filter((check) => check.status === 'fail')
      .map((check) => check.id);
    expect(failed).toContain('collapse.trivial-baseline');
  });

  it('fine-tunes the trained example and passes the gate', async () => {
    const run = await runSegGate(trainArgs(TRAINED_EXAMPLE, 'tuned', ['--learning-rate', '0.001']));

    expect(run.exitCode).toBe(0);
    const report = await readJson<Report>(join(folder, 'tuned', 'report.json'));
    expect(report.verdict).toBe('pass');
    expect(report.metrics?.miou).toBeGreaterThan(0.8);

    const training = await readJson<TrainingReport>(join(folder, 'tuned', 'training.json'));
    const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(
      trainingReportSchema,
    );
    expect(validate(training), JSON.stringify(validate.errors)).toBe(true);
    expect(training.evaluation?.miou).toBe(report.metrics?.miou);
    expect(training.checks.map((check) => check.id)).toEqual([
      'training.contract.output',
      'training.contract.labels',
      'training.contract.label-shape',
      'training.contract.saved-loss',
      'training.contract.final-softmax',
      'training.contract.dilated-rewrite',
      'training.loss.first-step',
      'training.loss.finite',
      'training.weights.updated',
      'training.checkpoint.reload',
    ]);
  });

  it('stops before training on labels of the wrong shape for the loss', async () => {
    const run = await runSegGate(
      trainArgs(initial, 'wrong-shape', ['--loss', 'categorical-crossentropy']),
    );

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'FAIL training.contract.label-shape: Labels [4,16,16] (sparse class ids, --label-encoding ' +
        'sparse) vs model output [4,16,16,4] vs loss categorical-crossentropy (set by --loss), ' +
        'which expects one-hot rows [4,16,16,4]',
    );
    expect(run.stderr).not.toContain('step 1/3');
    expect(existsSync(join(folder, 'wrong-shape', 'model.json'))).toBe(false);
    expect(existsSync(join(folder, 'wrong-shape', 'report.json'))).toBe(false);
    const training = await readJson<TrainingReport>(join(folder, 'wrong-shape', 'training.json'));
    expect(training.verdict).toBe('fail');
    expect(training.evaluation).toBeNull();
  });

  it('exits 2 for a graph model', async () => {
    const graph = join(REPO_ROOT, 'test', 'fixtures', 'tfjs', 'graph', 'model.json');
    const run = await runSegGate(trainArgs(graph, 'graph'));

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('is a TensorFlow.js graph model, which is inference-only');
  });
});

describe('seg-gate train output checks', () => {
  it('exits 2 before the first step when --output is a file', async () => {
    const blocker = join(folder, 'a-file');
    await writeFile(blocker, 'not a folder');
    const args = trainArgs(TRAINED_EXAMPLE, 'unused').map((arg) =>
      arg === join(folder, 'unused') ? blocker : arg,
    );
    const run = await runSegGate(args);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`Cannot write --output ${blocker}`);
    expect(run.stderr).not.toMatch(/step 1\//);
  });

  it('exits 2 for a missing evaluation split', async () => {
    const run = await runSegGate(
      trainArgs(TRAINED_EXAMPLE, 'no-split', ['--eval-split', 'nosuch']),
    );

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('nosuch');
    expect(run.stderr).not.toMatch(/step 1\//);
  });
});
