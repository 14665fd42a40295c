import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CacheOutcome, CacheService } from '../../src/action/cache/service.js';
import { createWorkerCacheService } from '../../src/action/cache/service.js';
import { createNpmInstaller } from '../../src/action/engine/install.js';
import type { PackageInstaller } from '../../src/action/engine/install.js';
import { engineCacheKey, prepareEngine } from '../../src/action/engine/prepare.js';
import type { EngineProbe } from '../../src/action/engine/probe.js';
import { createEngineProbe } from '../../src/action/engine/probe.js';
import type { ActionLog } from '../../src/action/log.js';
import { startCacheServer } from '../helpers/cache-server/index.js';
import type { CacheServerHandle } from '../helpers/cache-server/index.js';
import { REPO_DIR, buildActionCheckout } from './helpers/checkout.js';
import type { ActionCheckout } from './helpers/checkout.js';

const silent: ActionLog = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  raw: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined,
};

/** Creates an action checkout with a lockfile and no node_modules. */
function emptyCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seg-gate-checkout-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { left: '1.0.0' } }));
  writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
  return dir;
}

/** Probe that is satisfied once node_modules/left/package.json exists. */
const markerProbe: EngineProbe = {
  missing: async (dir) =>
    existsSync(join(dir, 'node_modules', 'left', 'package.json'))
      ? null
      : 'node_modules lacks left',
};

/** Installer that writes the marker package and counts its calls. */
function fakeInstaller(): PackageInstaller & { calls: number } {
  const installer = {
    calls: 0,
    async install(dir: string, _device: 'cpu' | 'cuda') {
      installer.calls += 1;
      mkdirSync(join(dir, 'node_modules', 'left'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'left', 'package.json'), '{}');
    },
  };
  return installer;
}

/** Creates a cache that records calls and returns `restoreOutcome` for every restore. */
function recordingCache(restoreOutcome: CacheOutcome): CacheService & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    restore: async (request) => {
      calls.push(`restore ${request.primaryKey} ${request.paths.join(',')}`);
      return restoreOutcome;
    },
    save: async (request) => {
      calls.push(`save ${request.key}`);
      return { kind: 'saved', key: request.key };
    },
  };
}

describe('prepareEngine', () => {
  it('uses node_modules that is already complete', async () => {
    const dir = emptyCheckout();
    await fakeInstaller().install(dir, 'cpu');
    const cache = recordingCache({ kind: 'miss' });

    const source = await prepareEngine({
      actionDir: dir,
      device: 'cpu',
      cache,
      installer: fakeInstaller(),
      probe: markerProbe,
      log: silent,
    });

    expect(source).toBe('present');
    expect(cache.calls).toEqual([]);
  });

  it('installs and saves on a cache miss', async () => {
    const dir = emptyCheckout();
    const cache = recordingCache({ kind: 'miss' });
    const installer = fakeInstaller();
    const key = await engineCacheKey(dir, 'cpu');

    const source = await prepareEngine({
      actionDir: dir,
      device: 'cpu',
      cache,
      installer,
      probe: markerProbe,
      log: silent,
    });

    expect(source).toBe('installed');
    expect(installer.calls).toBe(1);
    expect(cache.calls).toEqual([`restore ${key} node_modules`, `save ${key}`]);
  });

  it('installs when the cache times out', async () => {
    const dir = emptyCheckout();
    const installer = fakeInstaller();

    const source = await prepareEngine({
      actionDir: dir,
      device: 'cpu',
      cache: recordingCache({ kind: 'timed-out', seconds: 30 }),
      installer,
      probe: markerProbe,
      log: silent,
    });

    expect(source).toBe('installed');
    expect(installer.calls).toBe(1);
  });

  it('fails when the installed dependencies still cannot run', async () => {
    const dir = emptyCheckout();
    const noop: PackageInstaller = { install: async () => undefined };

    await expect(
      prepareEngine({
        actionDir: dir,
        device: 'cpu',
        cache: recordingCache({ kind: 'miss' }),
        installer: noop,
        probe: markerProbe,
        log: silent,
      }),
    ).rejects.toThrow(
      `The engine dependencies were installed in ${dir} but cannot run: node_modules lacks left.`,
    );
  });
});

describe('engineCacheKey', () => {
  it('names platform, ABI, lockfile and device', async () => {
    const dir = emptyCheckout();
    const key = await engineCacheKey(dir, 'cuda');

    expect(key).toMatch(
      new RegExp(
        `^seg-gate-engine-${process.platform}-${process.arch}-abi${process.versions.modules}-[0-9a-f]{16}-cuda$`,
      ),
    );
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3,"changed":true}');
    expect(await engineCacheKey(dir, 'cuda')).not.toBe(key);
  });

  it('names the missing lockfile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seg-gate-checkout-'));

    await expect(engineCacheKey(dir, 'cpu')).rejects.toThrow(
      `Failed to read ${join(dir, 'package-lock.json')}`,
    );
  });
});

describe('npm installer', () => {
  it('names actions/setup-node when npm is missing', async () => {
    await expect(
      createNpmInstaller({ PATH: '/nonexistent' }).install(emptyCheckout(), 'cpu'),
    ).rejects.toThrow(
      'npm was not found on PATH, so the engine dependencies (sharp, ONNX Runtime, TensorFlow.js) cannot be installed. Add `actions/setup-node` with `node-version: 24` before this step.',
    );
  });
});

describe('engine probe', () => {
  it('accepts the repository node_modules', async () => {
    expect(await createEngineProbe(process.execPath).missing(REPO_DIR, 'cpu')).toBeNull();
  });

  it('names missing dependencies', async () => {
    expect(await createEngineProbe(process.execPath).missing(emptyCheckout(), 'cpu')).toBe(
      'node_modules lacks left',
    );
  });
});

describe('engine dependencies through the cache', () => {
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

  it('restores node_modules saved by an earlier run', async () => {
    const cache = createWorkerCacheService({
      workerCommand: [process.execPath, checkout.entry],
      timeoutMs: 20_000,
      env: {
        PATH: process.env['PATH'],
        RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'seg-gate-rt-')),
        ...server.envV2(),
      },
      log: silent,
    });
    const first = emptyCheckout();
    const firstInstaller = fakeInstaller();
    expect(
      await prepareEngine({
        actionDir: first,
        device: 'cpu',
        cache,
        installer: firstInstaller,
        probe: markerProbe,
        log: silent,
      }),
    ).toBe('installed');

    const second = emptyCheckout();
    const secondInstaller = fakeInstaller();
    const source = await prepareEngine({
      actionDir: second,
      device: 'cpu',
      cache,
      installer: secondInstaller,
      probe: markerProbe,
      log: silent,
    });

    expect(source).toBe('cache');
    expect(secondInstaller.calls).toBe(0);
    expect(existsSync(join(second, 'node_modules', 'left', 'package.json'))).toBe(true);
  });
});
