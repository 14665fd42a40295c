import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Device } from '../../config/settings.js';
import { InputError, errorMessage } from '../../errors.js';
import type { CacheService } from '../cache/service.js';
import { describeFailure } from '../baseline/store.js';
import { CACHE_KEY_PREFIX } from '../constants.js';
import type { ActionLog } from '../log.js';
import type { PackageInstaller } from './install.js';
import type { EngineProbe } from './probe.js';

/** Origin of the engine's ready node_modules: already present, restored, or installed. */
export type EngineSource = 'present' | 'cache' | 'installed';

export interface PrepareEngineOptions {
  /** The action checkout: the folder holding `dist/`, `package.json` and `package-lock.json`. */
  readonly actionDir: string;
  readonly device: Device;
  readonly cache: CacheService;
  readonly installer: PackageInstaller;
  readonly probe: EngineProbe;
  readonly log: ActionLog;
}

/** The node_modules folder, relative to the action checkout, as cached. */
const NODE_MODULES = 'node_modules';

/**
 * Makes the engine's dependencies ready in the action checkout: uses node_modules as it is when it
 * can run the engine (a development checkout), else restores it from the cache, else installs it
 * with npm and saves it to the cache. Cache trouble is logged and only costs the install time.
 * Throws when the installed dependencies still cannot run the engine.
 */
export async function prepareEngine(options: PrepareEngineOptions): Promise<EngineSource> {
  const { actionDir, device, log } = options;

  const initialProblem = await options.probe.missing(actionDir, device);
  if (initialProblem === null) {
    log.info(`Engine dependencies are present in ${join(actionDir, NODE_MODULES)}.`);
    return 'present';
  }
  log.info(`Engine dependencies are not ready (${initialProblem}).`);

  const key = await engineCacheKey(actionDir, device);
  const restored = await options.cache.restore({
    root: actionDir,
    paths: [NODE_MODULES],
    primaryKey: key,
    restoreKeys: [],
  });
  if (restored.kind === 'restored') {
    const problem = await options.probe.missing(actionDir, device);
    if (problem === null) {
      log.info(`Engine dependencies restored from the cache (${restored.key}).`);
      return 'cache';
    }
    log.info(`The cached engine dependencies cannot run the engine (${problem}); installing.`);
  } else if (restored.kind !== 'miss') {
    log.info(`Engine cache not used: ${describeFailure(restored)}.`);
  }

  log.startGroup(`Installing engine dependencies (npm ci, device ${device})`);
  try {
    await options.installer.install(actionDir, device);
  } finally {
    log.endGroup();
  }

  const problem = await options.probe.missing(actionDir, device);
  if (problem === null) {
    const saved = await options.cache.save({ root: actionDir, paths: [NODE_MODULES], key });
    log.info(
      saved.kind === 'saved'
        ? `Engine dependencies saved to the cache (${key}).`
        : `Engine dependencies not saved to the cache: ${describeFailure(saved)}.`,
    );
    return 'installed';
  }

  throw new Error(
    `The engine dependencies were installed in ${actionDir} but cannot run: ${problem}. ` +
      'The runner needs Linux, macOS or Windows on x64 or arm64 for sharp and ONNX Runtime.',
  );
}

/**
 * Builds the cache key of the engine's node_modules: OS, architecture, Node ABI
 * (`process.versions.modules`, which native addons are built for), a sha256 prefix of the
 * lockfile, and the device, because `cuda` adds the CUDA provider.
 */
export async function engineCacheKey(actionDir: string, device: Device): Promise<string> {
  const lockfilePath = join(actionDir, 'package-lock.json');
  let lockfile: Buffer;
  try {
    lockfile = await readFile(lockfilePath);
  } catch (error) {
    throw new InputError(
      `Failed to read ${lockfilePath}: ${errorMessage(error)}. The engine is installed from the ` +
        "action's lockfile; use a released version of the action.",
    );
  }
  const lockHash = createHash('sha256').update(lockfile).digest('hex').slice(0, 16);
  return [
    CACHE_KEY_PREFIX,
    'engine',
    process.platform,
    process.arch,
    `abi${process.versions.modules}`,
    lockHash,
    device,
  ].join('-');
}
