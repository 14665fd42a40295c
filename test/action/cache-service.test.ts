import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCacheBaselineStore } from '../../src/action/baseline/store.js';
import { createWorkerCacheService } from '../../src/action/cache/service.js';
import type { CacheService } from '../../src/action/cache/service.js';
import type { ActionLog } from '../../src/action/log.js';
import { startCacheServer } from '../helpers/cache-server/index.js';
import type { CacheServerHandle } from '../helpers/cache-server/index.js';
import { buildActionCheckout } from './helpers/checkout.js';
import type { ActionCheckout } from './helpers/checkout.js';

/** Creates a log that records lines by level. */
function recordingLog(): ActionLog & { lines: { level: string; text: string }[] } {
  const lines: { level: string; text: string }[] = [];
  const push = (level: string) => (text: string) => lines.push({ level, text });
  return {
    lines,
    info: push('info'),
    debug: push('debug'),
    warning: push('warning'),
    error: push('error'),
    raw: push('raw'),
    startGroup: push('group'),
    endGroup: () => undefined,
  };
}

/** Creates a folder that contains `baseline/report.json` with the given text. */
function entryRoot(text: string): string {
  const root = mkdtempSync(join(tmpdir(), 'seg-gate-entry-'));
  mkdirSync(join(root, 'baseline'));
  writeFileSync(join(root, 'baseline', 'report.json'), text);
  return root;
}

const PATHS = ['baseline/report.json'];

// These tests run @actions/cache itself (bundled in dist/index.js, started as the cache worker)
// against the loopback implementation of both cache service protocols.
describe('cache service through @actions/cache', () => {
  let checkout: ActionCheckout;
  let server: CacheServerHandle;
  let runnerTemp: string;

  beforeAll(async () => {
    checkout = buildActionCheckout();
    server = await startCacheServer();
    runnerTemp = mkdtempSync(join(tmpdir(), 'seg-gate-runner-temp-'));
  });

  afterAll(async () => {
    await server?.close();
    checkout?.remove();
  });

  function service(
    env: Record<string, string>,
    timeoutMs = 20_000,
    log = recordingLog(),
  ): CacheService {
    return createWorkerCacheService({
      workerCommand: [process.execPath, checkout.entry],
      timeoutMs,
      env: { PATH: process.env['PATH'], RUNNER_TEMP: runnerTemp, ...env },
      log,
    });
  }

  for (const protocol of ['v1', 'v2'] as const) {
    it(`saves and restores the newest prefix match (${protocol})`, async () => {
      const env = protocol === 'v1' ? server.envV1() : server.envV2();
      const cache = service(env);
      const prefix = `prefix-${protocol}-`;

      expect(
        await cache.save({ root: entryRoot('older'), paths: PATHS, key: `${prefix}1` }),
      ).toEqual({
        kind: 'saved',
        key: `${prefix}1`,
      });
      expect(
        await cache.save({ root: entryRoot('newer'), paths: PATHS, key: `${prefix}2` }),
      ).toEqual({
        kind: 'saved',
        key: `${prefix}2`,
      });

      const target = mkdtempSync(join(tmpdir(), 'seg-gate-restore-'));
      const restored = await cache.restore({
        root: target,
        paths: PATHS,
        primaryKey: `${prefix}unknown-commit`,
        restoreKeys: [prefix],
      });

      expect(restored).toEqual({ kind: 'restored', key: `${prefix}2` });
      expect(readFileSync(join(target, 'baseline', 'report.json'), 'utf8')).toBe('newer');
    });

    it(`prefers the exact key over newer prefix matches (${protocol})`, async () => {
      const env = protocol === 'v1' ? server.envV1() : server.envV2();
      const cache = service(env);
      const prefix = `exact-${protocol}-`;
      await cache.save({ root: entryRoot('base commit'), paths: PATHS, key: `${prefix}base` });
      await cache.save({ root: entryRoot('later commit'), paths: PATHS, key: `${prefix}later` });

      const target = mkdtempSync(join(tmpdir(), 'seg-gate-restore-'));
      const restored = await cache.restore({
        root: target,
        paths: PATHS,
        primaryKey: `${prefix}base`,
        restoreKeys: [prefix],
      });

      expect(restored).toEqual({ kind: 'restored', key: `${prefix}base` });
      expect(readFileSync(join(target, 'baseline', 'report.json'), 'utf8')).toBe('base commit');
    });

    it(`misses an unknown namespace (${protocol})`, async () => {
      const env = protocol === 'v1' ? server.envV1() : server.envV2();
      const restored = await service(env).restore({
        root: mkdtempSync(join(tmpdir(), 'seg-gate-restore-')),
        paths: PATHS,
        primaryKey: 'nothing-here-',
        restoreKeys: [],
      });

      expect(restored).toEqual({ kind: 'miss' });
    });
  }

  it('does not save a key twice', async () => {
    const cache = service(server.envV2());
    await cache.save({ root: entryRoot('first'), paths: PATHS, key: 'twice-1' });
    const second = await cache.save({ root: entryRoot('second'), paths: PATHS, key: 'twice-1' });

    expect(second.kind).toBe('not-saved');
  });

  it('reports a missing service without a call', async () => {
    const outcome = await service({}).restore({
      root: mkdtempSync(join(tmpdir(), 'seg-gate-restore-')),
      paths: PATHS,
      primaryKey: 'a-',
      restoreKeys: [],
    });

    expect(outcome).toEqual({
      kind: 'unavailable',
      reason:
        'no cache service: neither ACTIONS_RESULTS_URL (the current service, set by runners on github.com) nor ACTIONS_CACHE_URL (GitHub Enterprise Server, and act unless --no-cache-server) is set',
    });
  });

  it('fails on a refused connection, then skips the service', async () => {
    const closed = await startCacheServer();
    const env = closed.envV2();
    await closed.close();
    const cache = service(env);
    const request = {
      root: mkdtempSync(join(tmpdir(), 'seg-gate-restore-')),
      paths: PATHS,
      primaryKey: 'refused-',
      restoreKeys: [],
    };

    const first = await cache.restore(request);
    expect(first).toEqual({ kind: 'failed', reason: expect.stringContaining('ECONNREFUSED') });

    const second = await cache.restore(request);
    expect(second).toEqual({
      kind: 'unavailable',
      reason: expect.stringContaining('skipped after an earlier call'),
    });
  });

  for (const protocol of ['v1', 'v2'] as const) {
    it(`fails when the service rejects the token (${protocol})`, async () => {
      const rejecting = await startCacheServer({ mode: 'unauthorized' });
      try {
        const env = protocol === 'v1' ? rejecting.envV1() : rejecting.envV2();
        const log = recordingLog();
        const outcome = await service(env, 20_000, log).restore({
          root: mkdtempSync(join(tmpdir(), 'seg-gate-restore-')),
          paths: PATHS,
          primaryKey: 'token-',
          restoreKeys: [],
        });

        expect(outcome).toEqual({ kind: 'failed', reason: expect.stringContaining('401') });
        // The library's own warning becomes an info line; the caller decides on the warning.
        expect(log.lines.filter((line) => line.level === 'warning')).toEqual([]);
        expect(log.lines.some((line) => line.text.startsWith('cache: Failed to restore:'))).toBe(
          true,
        );
      } finally {
        await rejecting.close();
      }
    });
  }

  it('abandons a slow service at the deadline', async () => {
    const slow = await startCacheServer({ mode: 'slow', delayMs: 30_000 });
    try {
      const cache = service(slow.envV1(), 1500);
      const started = Date.now();
      const outcome = await cache.restore({
        root: mkdtempSync(join(tmpdir(), 'seg-gate-restore-')),
        paths: PATHS,
        primaryKey: 'slow-',
        restoreKeys: [],
      });

      expect(outcome).toEqual({ kind: 'timed-out', seconds: 1.5 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(slow.requests.length).toBeGreaterThan(0);

      const next = await cache.save({ root: entryRoot('x'), paths: PATHS, key: 'slow-1' });
      expect(next).toEqual({
        kind: 'unavailable',
        reason: 'skipped after an earlier call: the cache service did not answer within 1.5 s',
      });
    } finally {
      await slow.close();
    }
  });

  it('keeps baselines per namespace through the baseline store', async () => {
    const cache = service(server.envV2());
    const work = mkdtempSync(join(tmpdir(), 'seg-gate-work-'));
    const store = createCacheBaselineStore(cache, work);
    const report = join(work, 'report.json');

    writeFileSync(report, '{"gate":"a"}');
    expect(await store.save('ns-a', 'c1', report)).toEqual({ kind: 'saved', key: 'ns-a-c1' });
    writeFileSync(report, '{"gate":"ab"}');
    expect(await store.save('ns-ab', 'c1', report)).toEqual({ kind: 'saved', key: 'ns-ab-c1' });

    const origin = await store.restore('ns-a', { primaryKey: 'ns-a-c0', restoreKeys: ['ns-a-'] });
    expect(origin).toMatchObject({ kind: 'cache', key: 'ns-a-c1', commit: 'c1' });
    expect(readFileSync(join(work, 'baseline-restore', 'baseline', 'report.json'), 'utf8')).toBe(
      '{"gate":"a"}',
    );
  });
});
