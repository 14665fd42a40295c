import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatOutputNumber } from '../../src/action/numbers.js';
import type { Report } from '../../src/report/types.js';
import {
  DEEPLAB_ONNX,
  SHARED_SKIP_REASON,
  VOC_ROOT,
  VOC_SAMPLE_IDS,
  hasShared,
} from '../helpers/shared.js';
import { ENGINE_SKIP_REASON, buildActionCheckout } from './helpers/checkout.js';
import type { ActionCheckout } from './helpers/checkout.js';
import { NODE24_SKIP_REASON, findNode24 } from './helpers/node24.js';
import { runActionProcess } from './helpers/run-action.js';
import type { ActionRun } from './helpers/run-action.js';

const node24 = hasShared ? findNode24() : null;
const engineEntryExists = (() => {
  try {
    return readdirSync(join(import.meta.dirname, '../../src/cli')).includes('main.ts');
  } catch {
    return false;
  }
})();
const skipReason = !hasShared
  ? SHARED_SKIP_REASON
  : node24 === null
    ? NODE24_SKIP_REASON
    : !engineEntryExists
      ? ENGINE_SKIP_REASON
      : null;
if (skipReason !== null) {
  console.warn(`action tests with the real engine skipped: ${skipReason}`);
}

/** DeepLab v3 on the first 4 VOC sample images, scaled as the model was trained (`tf`). */
const DEEPLAB_INPUTS = {
  model: DEEPLAB_ONNX,
  data: VOC_ROOT,
  ids: VOC_SAMPLE_IDS,
  normalize: 'tf',
  limit: '4',
};

function readReport(run: ActionRun): Report {
  return JSON.parse(readFileSync(run.outputs['report-path'] ?? '', 'utf8')) as Report;
}

// The action as the runner starts it (Node 24, `node dist/index.js`), with the engine built from
// the sources (`dist/cli.js`) on the real VOC sample and DeepLab model.
describe.skipIf(skipReason !== null)('action with the real engine (Node 24)', () => {
  let checkout: ActionCheckout;
  let engineHelp = '';

  beforeAll(() => {
    checkout = buildActionCheckout();
    engineHelp = execFileSync(
      process.execPath,
      [join(checkout.dir, 'dist', 'cli.js'), 'evaluate', '--help'],
      {
        encoding: 'utf8',
      },
    );
  });

  afterAll(() => {
    checkout?.remove();
  });

  /** Overlays stay off until the engine has the `--overlays` option. */
  function inputs(extra: Record<string, string> = {}): Record<string, string> {
    const overlays: Record<string, string> = engineHelp.includes('--overlays')
      ? {}
      : { overlays: '0' };
    return { ...DEEPLAB_INPUTS, ...overlays, ...extra };
  }

  function run(extra: Record<string, string> = {}) {
    return runActionProcess({
      node: node24 ?? 'node',
      entry: checkout.entry,
      inputs: inputs(extra),
      eventName: 'push',
      ref: 'refs/heads/feature',
    });
  }

  it('passes with the model scaled as trained', async () => {
    const result = await run();
    const report = readReport(result);

    expect(result.code).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    expect(report.dataset?.evaluated).toBe(4);
    expect(result.outputs['miou']).toBe(formatOutputNumber(report.metrics?.miou));
    expect(Number(result.outputs['miou'])).toBeGreaterThan(0.3);
    expect(result.outputs['pixel-accuracy']).toBe(
      formatOutputNumber(report.metrics?.pixelAccuracy),
    );
    expect(result.outputs['mean-recall']).toBe(formatOutputNumber(report.metrics?.meanRecall));
    expect(result.outputs['failed-checks']).toBe('');

    expect(result.summary.startsWith('## seg-gate: ✅ PASS\n\n`model.onnx` on 4 images:')).toBe(
      true,
    );
    expect(result.summary).toContain('| 1 | aeroplane |');
    expect(result.summary).toContain('xychart-beta');
    expect(result.summary).toContain('<summary>Confusion matrix');
    expect(result.stdout + result.stderr).toContain('4/4');
  });

  it('fails when predictions collapse onto background', async (context) => {
    // Raw 0..255 input to a model trained on [-1, 1] input: DeepLab then predicts background
    // for every pixel of these images.
    const result = await run({ normalize: 'none' });
    const report = readReport(result);

    expect(report.classes.reduce((sum, entry) => sum + entry.predicted, 0)).toBe(
      report.classes[0]?.predicted,
    );
    if (!report.checks.some((check) => check.id.startsWith('collapse.'))) {
      context.skip('the engine does not run the collapse checks yet');
    }
    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('fail');
    expect(result.outputs['failed-checks']?.split(',')).toContain('collapse.dominant-class');
    expect(result.summary.startsWith('## seg-gate: ❌ FAIL')).toBe(true);
    expect(result.summary).toContain('**collapse.dominant-class**');
    expect(result.summary).toContain('| aeroplane | background |');
  });

  it('reports an unreadable model as an input error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'seg-gate-bad-model-'));
    const model = join(folder, 'model.onnx');
    writeFileSync(model, 'this is not an ONNX file');
    const result = await run({ model });

    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('error');
    expect(result.summary.startsWith('## seg-gate: ⚠️ ERROR (input error)')).toBe(true);
    expect(result.summary).toContain(`Failed to load ONNX model ${model}`);
    expect(result.stdout).toContain(
      `::error::seg-gate could not evaluate: Failed to load ONNX model ${model}`,
    );
  });

  it('draws overlays of the worst images', async (context) => {
    if (!engineHelp.includes('--overlays')) {
      context.skip('the engine has no --overlays option yet');
    }
    const result = await run({ overlays: '2' });

    expect(result.code).toBe(0);
    const files = readdirSync(result.outputs['overlays-path'] ?? '');
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^01-\d{4}_\d{6}\.png$/);
    expect(result.summary).toContain('### Worst images (2 overlays)');
  });
});
