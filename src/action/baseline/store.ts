import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { CacheOutcome, CacheService } from '../cache/service.js';
import { isFile } from '../paths.js';
import { baselineSaveKey, commitOfKey } from './plan.js';
import type { RestoreKeys } from './plan.js';

/** The source of a run's baseline, or the reason it has none. */
export type BaselineOrigin =
  | { readonly kind: 'file'; readonly path: string }
  | {
      readonly kind: 'cache';
      readonly path: string;
      readonly key: string;
      /** The default-branch commit whose report this is, when the key names it. */
      readonly commit: string | null;
    }
  | {
      readonly kind: 'none';
      readonly reason: string;
      /** True when the run should have had a baseline: the step shows a warning. */
      readonly warn: boolean;
    };

/** The result of saving a run's report as the new baseline. */
export type BaselineSave =
  | { readonly kind: 'saved'; readonly key: string }
  | { readonly kind: 'not-saved'; readonly reason: string };

/** Keeps the baselines of one gate: the report of each passing default-branch commit. */
export interface BaselineStore {
  restore(namespace: string, keys: RestoreKeys): Promise<BaselineOrigin>;
  save(namespace: string, sha: string, reportPath: string): Promise<BaselineSave>;
}

/** Path of the report inside a baseline cache entry, relative to the entry's root folder. */
export const BASELINE_ENTRY_PATH = 'baseline/report.json';

/**
 * Creates a baseline store on the Actions cache. `workDir` is a folder of the run (under
 * `RUNNER_TEMP`) that contains the restored and the saved entry. Entries always contain
 * `baseline/report.json` relative to their root, so the cache version, a hash of the paths, is
 * the same on every runner.
 */
export function createCacheBaselineStore(cache: CacheService, workDir: string): BaselineStore {
  const restoreRoot = join(workDir, 'baseline-restore');
  const saveRoot = join(workDir, 'baseline-save');

  return {
    async restore(namespace, keys) {
      await rm(restoreRoot, { recursive: true, force: true });
      await mkdir(restoreRoot, { recursive: true });

      const outcome = await cache.restore({
        root: restoreRoot,
        paths: [BASELINE_ENTRY_PATH],
        primaryKey: keys.primaryKey,
        restoreKeys: keys.restoreKeys,
      });
      const path = join(restoreRoot, BASELINE_ENTRY_PATH);

      if (outcome.kind === 'restored') {
        if (!(await isFile(path))) {
          return {
            kind: 'none',
            reason: `cache entry ${outcome.key} was restored but holds no ${BASELINE_ENTRY_PATH}`,
            warn: true,
          };
        }
        return {
          kind: 'cache',
          path,
          key: outcome.key,
          commit: commitOfKey(namespace, outcome.key),
        };
      }
      if (outcome.kind === 'miss') {
        return {
          kind: 'none',
          reason: `no baseline in the cache under ${namespace}-*: a push to the default branch saves one when its gate passes`,
          warn: true,
        };
      }
      return { kind: 'none', reason: describeFailure(outcome), warn: true };
    },

    async save(namespace, sha, reportPath) {
      const key = baselineSaveKey(namespace, sha);
      await rm(saveRoot, { recursive: true, force: true });
      await mkdir(join(saveRoot, 'baseline'), { recursive: true });
      await copyFile(reportPath, join(saveRoot, BASELINE_ENTRY_PATH));

      const outcome = await cache.save({ root: saveRoot, paths: [BASELINE_ENTRY_PATH], key });
      if (outcome.kind === 'saved') {
        return { kind: 'saved', key };
      }
      return { kind: 'not-saved', reason: describeFailure(outcome) };
    },
  };
}

/** Describes a cache call that did not do its work, in one clause. */
export function describeFailure(outcome: CacheOutcome): string {
  switch (outcome.kind) {
    case 'timed-out':
      return `the cache service did not answer within ${outcome.seconds} s (input cache-timeout)`;
    case 'unavailable':
      return outcome.reason;
    case 'failed':
      return `the cache service failed: ${outcome.reason}`;
    case 'not-saved':
      return `the cache service did not save the entry: ${outcome.reason}`;
    case 'miss':
      return 'no cache entry matched';
    case 'restored':
    case 'saved':
      return `cache entry ${outcome.key}`;
  }
}
