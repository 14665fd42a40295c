import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Report } from '../../src/report/types.js';
import { REPO_DIR, buildActionCheckout } from './helpers/checkout.js';
import type { ActionCheckout } from './helpers/checkout.js';
import { NODE24_SKIP_REASON, findNode24 } from './helpers/node24.js';
import { runActionProcess } from './helpers/run-action.js';

const node24 = findNode24();
if (node24 === null) {
  console.warn(`action training test skipped: ${NODE24_SKIP_REASON}`);
}

/** The committed shapes example: a small TensorFlow.js layers model and its 16 VOC-layout images. */
const SHAPES_TRAIN_INPUTS = {
  model: join(REPO_DIR, 'examples', 'shapes-tfjs', 'model.json'),
  data: join(REPO_DIR, 'examples', 'shapes', 'VOC'),
  'num-classes': '4',
  'class-names': 'background,square,disc,triangle',
  normalize: 'unit',
  backend: 'cpu',
  'train-steps': '2',
  overlays: '0',
};

// The action as the runner starts it (Node 24, `node dist/index.js`), with `seg-gate train`
// built from the sources (`dist/cli.js`) fine-tuning the committed example model.
describe.skipIf(node24 === null)('action training with the real engine (Node 24)', () => {
  let checkout: ActionCheckout;

  beforeAll(() => {
    checkout = buildActionCheckout();
  });

  afterAll(() => {
    checkout?.remove();
  });

  it('trains 2 steps and gates the checkpoint', async () => {
    const result = await runActionProcess({
      node: node24 ?? 'node',
      entry: checkout.entry,
      inputs: SHAPES_TRAIN_INPUTS,
      eventName: 'push',
      ref: 'refs/heads/feature',
    });
    const root = join(result.runnerTemp, 'seg-gate');
    const report = JSON.parse(readFileSync(result.outputs['report-path'] ?? '', 'utf8')) as Report;

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    expect(result.outputs['checkpoint-path']).toBe(join(root, 'checkpoint'));
    expect(existsSync(join(root, 'checkpoint', 'model.json'))).toBe(true);
    expect(result.outputs['training-report-path']).toBe(join(root, 'training.json'));
    expect(report.model?.path).toBe(join(root, 'checkpoint', 'model.json'));
    expect(report.dataset?.evaluated).toBe(16);
    expect(result.outputs['failed-checks']).toBe('');
    expect(result.stdout).toContain('Running seg-gate train ');
    expect(result.stdout).toContain('--steps 2');

    expect(result.summary.startsWith('## seg-gate: ✅ PASS')).toBe(true);
    expect(result.summary).toContain('### Training');
    expect(result.summary).toContain('| Steps | 2 of 2 |');
    expect(result.summary).toMatch(/\| First loss \| \d+\.\d{4} \|/);
    expect(result.summary).toMatch(/\| Last loss \| \d+\.\d{4} \|/);
    expect(result.summary).toMatch(/\| Mean step time \| \d+(?:ms|\.\ds) \|/);
    expect(result.summary).toContain('| Backend | cpu (@tensorflow/tfjs-backend-cpu ');
    expect(result.summary).toContain('| training.checkpoint.reload | pass |');
    expect(result.summary.indexOf('### Training')).toBeLessThan(
      result.summary.indexOf('### Metrics'),
    );
  });
});
