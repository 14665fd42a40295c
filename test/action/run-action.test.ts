import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckRecord } from '../../src/checks/types.js';
import { startCacheServer } from '../helpers/cache-server/index.js';
import type { CacheServerHandle } from '../helpers/cache-server/index.js';
import { buildActionCheckout } from './helpers/checkout.js';
import type { ActionCheckout } from './helpers/checkout.js';
import { NODE24_SKIP_REASON, findNode24 } from './helpers/node24.js';
import { makeReport } from './helpers/report-fixture.js';
import { runActionProcess } from './helpers/run-action.js';
import type { ActionRun, ActionRunOptions } from './helpers/run-action.js';

const STUB_ENGINE = join(import.meta.dirname, 'fixtures', 'stub-engine.mjs');
const MAIN_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const PR_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const PUSH_EVENT = { repository: { default_branch: 'main' } };
const PR_EVENT = {
  repository: { default_branch: 'main' },
  pull_request: { base: { sha: MAIN_SHA } },
};
const MODEL_INPUTS = { model: 'models/deeplab.onnx', data: 'data/VOC2012', normalize: 'tf' };

const node24 = findNode24();
if (node24 === null) {
  console.warn(NODE24_SKIP_REASON);
}

/**
 * Lines of the output that the runner reads as workflow commands of one kind. Lines between
 * `::stop-commands::TOKEN` and `::TOKEN::` are plain text to the runner, so they are left out.
 */
function commands(run: ActionRun, kind: string): string[] {
  const found: string[] = [];
  let stopToken: string | null = null;
  for (const line of run.stdout.split('\n')) {
    if (stopToken !== null) {
      stopToken = line === `::${stopToken}::` ? null : stopToken;
    } else if (line.startsWith('::stop-commands::')) {
      stopToken = line.slice('::stop-commands::'.length);
    } else if (line.startsWith(`::${kind}`)) {
      found.push(line);
    }
  }
  return found;
}

/** Reads the arguments of each stub engine run, in order. */
function readArgs(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as string[]);
}

/** Returns the value after `flag` in an argument list, or undefined. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index < 0 ? undefined : args[index + 1];
}

describe.skipIf(node24 === null)('action run with a stub engine (Node 24)', () => {
  let checkout: ActionCheckout;
  let fixtures: string;

  beforeAll(() => {
    checkout = buildActionCheckout();
    fixtures = mkdtempSync(join(tmpdir(), 'seg-gate-stub-'));
  });

  afterAll(() => {
    checkout?.remove();
  });

  function reportFile(name: string, report: object): string {
    const path = join(fixtures, `${name}.json`);
    writeFileSync(path, JSON.stringify(report));
    return path;
  }

  function run(options: Partial<ActionRunOptions> & { stub?: Record<string, string> }) {
    return runActionProcess({
      node: node24 ?? 'node',
      entry: checkout.entry,
      inputs: MODEL_INPUTS,
      event: PR_EVENT,
      ...options,
      env: { SEG_GATE_ENGINE: STUB_ENGINE, ...options.stub, ...options.env },
    });
  }

  it('passes and sets outputs without a cache service', async () => {
    const report = reportFile(
      'pass',
      makeReport({ ious: [0.9, 0.123456789, ...Array(19).fill(0.5)] }),
    );
    const result = await run({ stub: { STUB_ENGINE_REPORT: report, STUB_ENGINE_OVERLAYS: '2' } });

    expect(result.code).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    expect(result.outputs['miou']).toBe(
      String(Number(((0.9 + 0.123456789 + 19 * 0.5) / 21).toFixed(6))),
    );
    expect(result.outputs['pixel-accuracy']).toBe('0.875');
    expect(result.outputs['failed-checks']).toBe('');
    expect(result.outputs['report-path']).toBe(join(result.runnerTemp, 'seg-gate', 'report.json'));
    expect(result.outputs['summary-path']).toBe(join(result.runnerTemp, 'seg-gate', 'summary.md'));
    expect(result.outputs['overlays-path']).toBe(join(result.runnerTemp, 'seg-gate', 'overlays'));
    expect(readdirSync(result.outputs['overlays-path'] ?? '')).toHaveLength(2);

    expect(result.summary.startsWith('## seg-gate: ✅ PASS')).toBe(true);
    expect(result.summary).toContain('No baseline: no cache service');
    expect(result.summary).toContain('```mermaid\nxychart-beta');
    expect(result.summary).toContain('<details>');
    expect(result.summary).toContain('`01-image_1.png`');
    expect(readFileSync(result.outputs['summary-path'] ?? '', 'utf8')).toBe(result.summary);

    const warnings = commands(result, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no baseline: regression checks skipped');
    expect(commands(result, 'error')).toEqual([]);
  });

  it('streams engine output with workflow commands switched off', async () => {
    const report = reportFile('stream', makeReport({}));
    const result = await run({ stub: { STUB_ENGINE_REPORT: report } });

    const lines = result.stdout.split('\n');
    const stop = lines.findIndex((line) => line.startsWith('::stop-commands::'));
    const injected = lines.indexOf('::error::injected by a file name');
    const token = lines[stop]?.slice('::stop-commands::'.length);
    const resume = lines.indexOf(`::${token}::`);
    expect(stop).toBeGreaterThanOrEqual(0);
    expect(injected).toBeGreaterThan(stop);
    expect(resume).toBeGreaterThan(injected);
    expect(result.stdout).toContain('[1/2] 2007_000033: read');
    expect(result.stderr).toContain('[2/2] 2007_000042: read');
  });

  it('passes inputs as engine flags', async () => {
    const argsFile = join(fixtures, 'received-args.json');
    const report = reportFile('args', makeReport({}));
    const result = await run({
      inputs: {
        ...MODEL_INPUTS,
        'min-miou': '0.5',
        'skip-missing': 'true',
        overlays: '0',
        limit: '4',
      },
      stub: { STUB_ENGINE_REPORT: report, STUB_ENGINE_ARGS: argsFile },
    });
    const [args = []] = readArgs(argsFile);

    expect(result.code).toBe(0);
    expect(args.slice(0, 9)).toEqual([
      'evaluate',
      '--model',
      'models/deeplab.onnx',
      '--data',
      'data/VOC2012',
      '--limit',
      '4',
      '--normalize',
      'tf',
    ]);
    expect(args).toContain('--skip-missing');
    expect(args.slice(args.indexOf('--min-miou'), args.indexOf('--min-miou') + 2)).toEqual([
      '--min-miou',
      '0.5',
    ]);
    expect(args).not.toContain('--min-class-iou');
    expect(flagValue(args, '--overlays')).toBe('0');
    expect(args).not.toContain('--overlays-dir');
    expect(args.slice(args.indexOf('--progress'), args.indexOf('--progress') + 2)).toEqual([
      '--progress',
      'lines',
    ]);
    expect(result.outputs['overlays-path']).toBe('');
  });

  it('asks for 8 overlays in the runner temp folder by default', async () => {
    const argsFile = join(fixtures, 'default-args.jsonl');
    const report = reportFile('default-overlays', makeReport({}));
    const result = await run({ stub: { STUB_ENGINE_REPORT: report, STUB_ENGINE_ARGS: argsFile } });
    const [args = []] = readArgs(argsFile);

    expect(result.code).toBe(0);
    expect(flagValue(args, '--overlays')).toBe('8');
    expect(flagValue(args, '--overlays-dir')).toBe(join(result.runnerTemp, 'seg-gate', 'overlays'));
    expect(result.outputs['overlays-path']).toBe('');
  });

  it('fails the gate with grouped annotations', async () => {
    const checks: CheckRecord[] = Array.from({ length: 12 }, (_, index) => ({
      id: `collapse.check${index + 1}`,
      status: 'fail',
      message: `evidence ${index + 1}`,
    }));
    const report = reportFile('fail', makeReport({ verdict: 'fail', checks }));
    const result = await run({ stub: { STUB_ENGINE_REPORT: report, STUB_ENGINE_EXIT: '1' } });

    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('fail');
    expect(result.outputs['failed-checks']).toBe(checks.map((check) => check.id).join(','));
    const errors = commands(result, 'error');
    expect(errors).toHaveLength(10);
    expect(errors[0]).toBe('::error title=seg-gate%3A collapse.check1::evidence 1');
    expect(errors[9]).toContain('3 more failed checks:%0Acollapse.check10: evidence 10');
    expect(result.summary).toContain('## seg-gate: ❌ FAIL');
    expect(result.summary).toContain('### Failed checks (12)');
    expect(result.summary).toContain('Likely fix: Predictions collapsed onto few classes');
  });

  it('reports an input error from the engine', async () => {
    const report = reportFile(
      'input-error',
      makeReport({
        verdict: 'error',
        error: { kind: 'input', message: 'Failed to read model.onnx: not an ONNX file.' },
      }),
    );
    const result = await run({ stub: { STUB_ENGINE_REPORT: report, STUB_ENGINE_EXIT: '2' } });

    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('error');
    expect(result.summary).toContain('## seg-gate: ⚠️ ERROR (input error)');
    expect(result.summary).toContain('Failed to read model.onnx: not an ONNX file.');
    expect(commands(result, 'error').at(-1)).toContain(
      'seg-gate could not evaluate: Failed to read model.onnx: not an ONNX file.',
    );
  });

  it('turns an engine crash into an error with a summary', async () => {
    const result = await run({ stub: { STUB_ENGINE_SIGNAL: 'SIGSEGV' } });

    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('error');
    expect(result.outputs['report-path']).toBe('');
    expect(result.summary).toContain('## seg-gate: ⚠️ ERROR (crashed)');
    expect(result.summary).toContain('killed by SIGSEGV');
  });

  it('turns an unknown exit code into a crash', async () => {
    const result = await run({ stub: { STUB_ENGINE_EXIT: '134' } });

    expect(result.code).toBe(1);
    expect(result.summary).toContain('exited with code 134, which it never uses');
  });

  it('rejects an invalid input before running', async () => {
    const result = await run({ inputs: { ...MODEL_INPUTS, overlays: '-1' } });

    expect(result.code).toBe(1);
    expect(commands(result, 'error')[0]).toContain(
      'Invalid value for input "overlays": expected an integer from 0 to 100, received "-1".',
    );
  });

  it('compares against a baseline file input', async () => {
    const baseline = reportFile('baseline-input', makeReport({ ious: Array(21).fill(0.6) }));
    const report = reportFile('current', makeReport({ ious: Array(21).fill(0.5) }));
    const result = await run({
      inputs: { ...MODEL_INPUTS, baseline },
      stub: { STUB_ENGINE_REPORT: report },
    });

    expect(result.code).toBe(0);
    expect(result.summary).toContain(
      `Compared with \`${baseline}\`, named by the \`baseline\` input.`,
    );
    expect(result.summary).toMatch(/\| mIoU \| 0\.5000 \| -0\.1000 \| \[-0\.1100, -0\.0900\] \|/);
    expect(result.summary).toContain('| 1 | aeroplane | 0.5000 | 0.5000 | -0.1000 | 100 | ✅ |');
    expect(commands(result, 'warning')).toEqual([]);
  });

  it('runs again without a baseline the engine rejects', async () => {
    const argsFile = join(fixtures, 'rejected-args.jsonl');
    const baseline = reportFile('baseline-other-data', makeReport({ ious: Array(21).fill(0.6) }));
    const report = reportFile('current-other-data', makeReport({}));
    const result = await run({
      inputs: { ...MODEL_INPUTS, baseline },
      stub: {
        STUB_ENGINE_REPORT: report,
        STUB_ENGINE_REJECT_BASELINE: '1',
        STUB_ENGINE_ARGS: argsFile,
      },
    });
    const runs = readArgs(argsFile);

    expect(runs).toHaveLength(2);
    expect(flagValue(runs[0] ?? [], '--baseline')).toBe(baseline);
    expect(runs[1]).not.toContain('--baseline');
    expect(result.code).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    expect(commands(result, 'warning')).toEqual([
      '::warning title=seg-gate%3A baseline not comparable::baseline not comparable: baseline fingerprint 1096aeb24ceb… vs current ee2c5d3d6d9d…: the baseline was computed on other images or labels, or with another class count, ignore index or label map; regression checks skipped',
    ]);
    expect(commands(result, 'error')).toEqual([]);
    expect(result.summary).toContain(
      `Not compared with \`${baseline}\`, named by the \`baseline\` input, because the engine rejected it: baseline fingerprint 1096aeb24ceb… vs current ee2c5d3d6d9d…`,
    );
    expect(result.summary).toContain(
      'The engine ran again without a baseline, so regression checks were skipped.',
    );
  });

  it('rejects a baseline input that names no file', async () => {
    const result = await run({ inputs: { ...MODEL_INPUTS, baseline: 'baselines/absent.json' } });

    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('error');
    expect(result.summary).toContain('## seg-gate: ⚠️ ERROR (input error)');
    expect(commands(result, 'error')).toEqual([
      `::error::seg-gate could not evaluate: The baseline input names ${join(result.workspace, 'baselines', 'absent.json')}, which is not a file. Point it at the report.json of an earlier run, or remove the input to use the cached baseline.`,
    ]);
  });

  it('treats a report that breaks the schema as an internal error', async () => {
    const report = reportFile('breaks-schema', { ...makeReport({}), verdict: 'maybe' });
    const result = await run({ stub: { STUB_ENGINE_REPORT: report } });

    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('error');
    expect(result.outputs['report-path']).toBe('');
    expect(result.summary).toContain('## seg-gate: ⚠️ ERROR (internal error)');
    expect(result.summary).toContain('The engine exited with code 0, but its report is unusable:');
    expect(result.summary).toContain('/verdict: must be one of');
  });
});

describe.skipIf(node24 === null)('action baseline through the cache (Node 24)', () => {
  let checkout: ActionCheckout;
  let fixtures: string;
  let server: CacheServerHandle;

  beforeAll(async () => {
    checkout = buildActionCheckout();
    fixtures = mkdtempSync(join(tmpdir(), 'seg-gate-cache-'));
    server = await startCacheServer();
  });

  afterAll(async () => {
    await server?.close();
    checkout?.remove();
  });

  function reportFile(name: string, report: object): string {
    const path = join(fixtures, `${name}.json`);
    writeFileSync(path, JSON.stringify(report));
    return path;
  }

  function run(options: Partial<ActionRunOptions> & { report: string; exit?: string }) {
    return runActionProcess({
      node: node24 ?? 'node',
      entry: checkout.entry,
      inputs: MODEL_INPUTS,
      ...options,
      env: {
        SEG_GATE_ENGINE: STUB_ENGINE,
        STUB_ENGINE_REPORT: options.report,
        STUB_ENGINE_EXIT: options.exit ?? '0',
        ...options.env,
      },
    });
  }

  for (const protocol of ['v2', 'v1'] as const) {
    it(`saves on the default branch and restores on a pull request (${protocol})`, async () => {
      const env = protocol === 'v2' ? server.envV2() : server.envV1();
      const inputs = { ...MODEL_INPUTS, 'baseline-key': `gate-${protocol}` };
      const mainReport = reportFile(`main-${protocol}`, makeReport({ ious: Array(21).fill(0.6) }));
      const pushed = await run({
        report: mainReport,
        inputs,
        env,
        eventName: 'push',
        ref: 'refs/heads/main',
        sha: MAIN_SHA,
        event: PUSH_EVENT,
      });

      expect(pushed.code).toBe(0);
      expect(pushed.summary).toMatch(
        /Saved this report as the baseline for later pull requests \(key `seg-gate-baseline-v1-[0-9a-f]{16}-a{40}`\)/,
      );
      expect(commands(pushed, 'warning')).toEqual([]);

      const prReport = reportFile(`pr-${protocol}`, makeReport({ ious: Array(21).fill(0.55) }));
      const pr = await run({ report: prReport, inputs, env, sha: PR_SHA, event: PR_EVENT });

      expect(pr.code).toBe(0);
      expect(pr.summary).toContain(
        'Compared with the report of default-branch commit `aaaaaaaaaaaa`, restored from the Actions cache',
      );
      expect(pr.summary).toMatch(/\| mIoU \| 0\.5500 \| -0\.0500 \|/);
      expect(pr.summary).not.toContain('Saved this report');
      expect(commands(pr, 'warning')).toEqual([]);
    });
  }

  it('keeps the baseline when the default branch fails', async () => {
    const env = server.envV2();
    const inputs = { ...MODEL_INPUTS, 'baseline-key': 'gate-failing-main' };
    const failing = reportFile(
      'main-fail',
      makeReport({
        verdict: 'fail',
        checks: [{ id: 'collapse.single-class', status: 'fail', message: 'one class' }],
      }),
    );
    const before = server.store.list().length;
    const pushed = await run({
      report: failing,
      exit: '1',
      inputs,
      env,
      eventName: 'push',
      ref: 'refs/heads/main',
      sha: MAIN_SHA,
      event: PUSH_EVENT,
    });

    expect(pushed.code).toBe(1);
    expect(server.store.list()).toHaveLength(before);
    expect(pushed.summary).toContain(
      'Not saved as the baseline: the gate did not pass, so the previous baseline stays.',
    );
  });

  it('does not save on a push to another branch', async () => {
    const before = server.store.list().length;
    const report = reportFile('feature', makeReport({}));
    const pushed = await run({
      report,
      env: server.envV2(),
      eventName: 'push',
      ref: 'refs/heads/feature',
      event: PUSH_EVENT,
    });

    expect(pushed.code).toBe(0);
    expect(server.store.list()).toHaveLength(before);
    expect(pushed.summary).toContain(
      'No baseline: runs on push compare against a baseline only when',
    );
    expect(commands(pushed, 'warning')).toEqual([]);
  });

  it('warns once when no baseline exists yet', async () => {
    const report = reportFile('first-pr', makeReport({}));
    const pr = await run({
      report,
      inputs: { ...MODEL_INPUTS, 'baseline-key': 'never-saved' },
      env: server.envV1(),
      event: PR_EVENT,
    });

    expect(pr.code).toBe(0);
    const warnings = commands(pr, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'no baseline: regression checks skipped (no baseline in the cache under seg-gate-baseline-v1-',
    );
  });

  for (const failure of ['refused', 'unauthorized', 'slow'] as const) {
    it(`warns once and passes when the cache service is ${failure}`, async () => {
      const failing =
        failure === 'refused'
          ? await startCacheServer()
          : await startCacheServer({ mode: failure, delayMs: 30_000 });
      const env = failing.envV2();
      if (failure === 'refused') {
        await failing.close();
      }
      const report = reportFile(`failure-${failure}`, makeReport({}));
      const started = Date.now();
      try {
        const pr = await run({
          report,
          inputs: { ...MODEL_INPUTS, 'cache-timeout': '2' },
          env,
          event: PR_EVENT,
        });

        expect(pr.code).toBe(0);
        expect(pr.outputs['verdict']).toBe('pass');
        const warnings = commands(pr, 'warning');
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('no baseline: regression checks skipped (');
        expect(commands(pr, 'error')).toEqual([]);
        expect(pr.summary).toContain('No baseline: ');
        expect(Date.now() - started).toBeLessThan(15_000);
        if (failure === 'slow') {
          expect(warnings[0]).toContain(
            'the cache service did not answer within 2 s (input cache-timeout)',
          );
        } else if (failure === 'unauthorized') {
          expect(warnings[0]).toContain('401');
        } else {
          expect(warnings[0]).toContain('ECONNREFUSED');
        }
      } finally {
        await failing.close();
      }
    });
  }
});
