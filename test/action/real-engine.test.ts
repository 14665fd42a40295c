import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatDelta, formatOutputNumber } from '../../src/action/numbers.js';
import type { Report } from '../../src/report/types.js';
import { startCacheServer } from '../helpers/cache-server/index.js';
import type { CacheServerHandle } from '../helpers/cache-server/index.js';
import {
  DEEPLAB_ONNX,
  SHARED_SKIP_REASON,
  VOC_ROOT,
  VOC_SAMPLE_IDS,
  hasShared,
} from '../helpers/shared.js';
import { buildActionCheckout } from './helpers/checkout.js';
import type { ActionCheckout } from './helpers/checkout.js';
import { NODE24_SKIP_REASON, findNode24 } from './helpers/node24.js';
import { runActionProcess } from './helpers/run-action.js';
import type { ActionRun, ActionRunOptions } from './helpers/run-action.js';

const node24 = hasShared ? findNode24() : null;
let skipReason: string | null = null;
if (!hasShared) {
  skipReason = SHARED_SKIP_REASON;
} else if (node24 === null) {
  skipReason = NODE24_SKIP_REASON;
}
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

const MAIN_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const PUSH_EVENT = { repository: { default_branch: 'main' } };
const PR_EVENT = {
  repository: { default_branch: 'main' },
  pull_request: { base: { sha: MAIN_SHA } },
};

function readReport(run: ActionRun): Report {
  return JSON.parse(readFileSync(run.outputs['report-path'] ?? '', 'utf8')) as Report;
}

// The action as the runner starts it (Node 24, `node dist/index.js`), with the engine built from
// the sources (`dist/cli.js`) on the real VOC sample and DeepLab model.
describe.skipIf(skipReason !== null)('action with the real engine (Node 24)', () => {
  let checkout: ActionCheckout;
  let server: CacheServerHandle;

  beforeAll(async () => {
    checkout = buildActionCheckout();
    server = await startCacheServer();
  });

  afterAll(async () => {
    await server?.close();
    checkout?.remove();
  });

  function run(extra: Record<string, string> = {}, options: Partial<ActionRunOptions> = {}) {
    return runActionProcess({
      node: node24 ?? 'node',
      entry: checkout.entry,
      inputs: { ...DEEPLAB_INPUTS, ...extra },
      eventName: 'push',
      ref: 'refs/heads/feature',
      ...options,
    });
  }

  /** Runs the action on a pull request against MAIN_SHA, with the loopback cache service. */
  function runPullRequest(extra: Record<string, string>) {
    return run(extra, { eventName: 'pull_request', event: PR_EVENT, env: server.envV2() });
  }

  it('passes with the model scaled as trained', async () => {
    const result = await run();
    const report = readReport(result);

    expect(result.code).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    expect(report.dataset?.evaluated).toBe(4);
    expect(result.outputs['miou']).toBe(formatOutputNumber(report.metrics?.miou));
    expect(result.outputs['miou']).toMatch(/^0\.\d{1,6}$/);
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

    // The default of 8 overlays draws every one of the 4 images.
    expect(report.overlays).toHaveLength(4);
    expect(result.outputs['overlays-path']).toBe(join(result.runnerTemp, 'seg-gate', 'overlays'));
    expect(result.summary).toContain('### Worst images (4 overlays)');
  });

  it('fails when predictions collapse onto background', async () => {
    // Raw 0..255 input to a model trained on [-1, 1] input: DeepLab then predicts background
    // for every pixel of these images.
    const result = await run({ normalize: 'none' });
    const report = readReport(result);

    expect(report.classes.reduce((sum, entry) => sum + entry.predicted, 0)).toBe(
      report.classes[0]?.predicted,
    );
    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('fail');
    expect(result.outputs['failed-checks']?.split(',')).toContain('collapse.dominant-class');
    expect(result.summary.startsWith('## seg-gate: ❌ FAIL')).toBe(true);
    expect(result.summary).toContain('**collapse.dominant-class**');
    expect(result.summary).toContain('| aeroplane | background |');
    expect(result.stdout).toContain('::error title=seg-gate%3A collapse.dominant-class::');
  });

  it('reports an unreadable model as an input error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'seg-gate-bad-model-'));
    const model = join(folder, 'model.onnx');
    writeFileSync(model, 'this is not an ONNX file');
    const result = await run({ model });

    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('error');
    expect(result.outputs['miou']).toBe('');
    expect(result.outputs['overlays-path']).toBe('');
    expect(result.summary.startsWith('## seg-gate: ⚠️ ERROR (input error)')).toBe(true);
    expect(result.summary).toContain(`Failed to load ONNX model ${model}`);
    expect(result.stdout).toContain(
      `::error::seg-gate could not evaluate: Failed to load ONNX model ${model}`,
    );
  });

  it('draws overlays of the worst images', async () => {
    const result = await run({ overlays: '2' });
    const report = readReport(result);
    const folder = result.outputs['overlays-path'] ?? '';

    expect(result.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(report.overlays.map((path) => basename(path)));
    expect(report.overlays).toHaveLength(2);
    expect(report.overlays[0]).toMatch(/\/01-\d{4}_\d{6}\.png$/);
    expect(result.summary).toContain('### Worst images (2 overlays)');
    expect(result.summary).toContain(`- \`${basename(report.overlays[0] ?? '')}\``);
  });

  it('saves a baseline on main and compares a pull request with it', async () => {
    const key = { 'baseline-key': 'real-engine-round-trip' };
    const pushed = await run(key, {
      ref: 'refs/heads/main',
      sha: MAIN_SHA,
      event: PUSH_EVENT,
      env: server.envV2(),
    });

    expect(pushed.code).toBe(0);
    expect(pushed.summary).toContain('Saved this report as the baseline for later pull requests');

    // Argmax before upsampling changes the predictions a little on the same images.
    const pr = await runPullRequest({ ...key, upsample: 'classes' });
    const report = readReport(pr);
    const comparison = report.baseline;

    expect(pr.code).toBe(0);
    expect(comparison).not.toBeNull();
    expect(comparison?.interval).not.toBeNull();
    expect(report.checks.find((check) => check.id === 'regression.miou')?.status).toBe('pass');
    expect(pr.summary).toContain(
      'Compared with the report of default-branch commit `aaaaaaaaaaaa`, restored from the Actions cache',
    );
    const [lower, upper] = comparison?.interval ?? [0, 0];
    expect(pr.summary).toContain(
      `| mIoU | ${report.metrics?.miou?.toFixed(4)} | ${formatDelta(comparison?.deltaMiou ?? null)} | [${formatDelta(lower)}, ${formatDelta(upper)}] |`,
    );
    const aeroplane = comparison?.classes.find((entry) => entry.name === 'aeroplane');
    expect(pr.summary).toContain(
      `| 1 | aeroplane | ${report.classes[1]?.iou?.toFixed(4)} | ${report.classes[1]?.recall?.toFixed(4)} | ${formatDelta(aeroplane?.delta ?? null)} |`,
    );
    expect(pr.stdout).not.toContain('no baseline');
    expect(pr.stdout).not.toContain('baseline not comparable');
  });

  it('skips regression checks against a baseline of other images', async () => {
    const key = { 'baseline-key': 'real-engine-other-images' };
    const pushed = await run(key, {
      ref: 'refs/heads/main',
      sha: MAIN_SHA,
      event: PUSH_EVENT,
      env: server.envV2(),
    });
    expect(pushed.code).toBe(0);

    // One image fewer than the baseline: another dataset fingerprint.
    const pr = await runPullRequest({ ...key, limit: '3' });
    const report = readReport(pr);

    expect(pr.code).toBe(0);
    expect(pr.outputs['verdict']).toBe('pass');
    expect(report.dataset?.evaluated).toBe(3);
    expect(report.baseline).toBeNull();
    expect(report.checks.find((check) => check.id === 'regression.miou')?.status).toBe('skip');
    expect(pr.stdout).toMatch(
      /::warning title=seg-gate%3A baseline not comparable::baseline not comparable: baseline fingerprint [0-9a-f]{12}… vs current [0-9a-f]{12}…: .*; regression checks skipped/,
    );
    expect(pr.summary).toContain(
      'Not compared with the report of default-branch commit `aaaaaaaaaaaa`, restored from the Actions cache',
    );
    expect(pr.summary).toContain(
      'The engine ran again without a baseline, so regression checks were skipped.',
    );
  });
});
