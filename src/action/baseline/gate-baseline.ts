import { isAbsolute, resolve } from 'node:path';

import { InputError } from '../../errors.js';
import { isDefaultBranchPush } from '../context.js';
import type { RunContext } from '../context.js';
import type { ActionInputs } from '../inputs.js';
import type { RunOutcome } from '../outcome.js';
import { isFile } from '../paths.js';
import type { BaselineSaveNote } from '../summary/types.js';
import { planBaselineRestore } from './plan.js';
import type { BaselineOrigin, BaselineStore } from './store.js';

/**
 * Finds the baseline: the `baseline` input, or for pull requests and merge groups the newest
 * cached default-branch report. Throws an InputError when the `baseline` input names no file,
 * because the workflow asked for that comparison.
 */
export async function findBaseline(
  inputs: ActionInputs,
  context: RunContext,
  namespace: string,
  store: BaselineStore,
  cwd: string,
): Promise<BaselineOrigin> {
  if (inputs.baselineFile !== null) {
    const path = isAbsolute(inputs.baselineFile)
      ? inputs.baselineFile
      : resolve(cwd, inputs.baselineFile);
    if (!(await isFile(path))) {
      throw new InputError(
        `The baseline input names ${path}, which is not a file. Point it at the report.json of an earlier run, or remove the input to use the cached baseline.`,
      );
    }
    return { kind: 'file', path };
  }

  const plan = planBaselineRestore(context, namespace);
  if ('skipReason' in plan) {
    return { kind: 'none', reason: plan.skipReason, warn: false };
  }
  return store.restore(namespace, plan);
}

/**
 * Saves the report of a passing push to the default branch as the next baseline. Returns null for
 * other events and branches, which never save.
 */
export async function saveBaseline(
  context: RunContext,
  outcome: RunOutcome,
  store: BaselineStore,
  namespace: string,
  reportPath: string,
): Promise<BaselineSaveNote | null> {
  if (!isDefaultBranchPush(context)) {
    return null;
  }
  if (outcome.kind !== 'pass') {
    return { kind: 'skipped', reason: 'the gate did not pass, so the previous baseline stays' };
  }
  return store.save(namespace, context.sha, reportPath);
}

/** Describes where the baseline came from, or why there is none, in one log line. */
export function describeBaseline(baseline: BaselineOrigin): string {
  switch (baseline.kind) {
    case 'file':
      return `Baseline: ${baseline.path} (input baseline).`;
    case 'cache':
      return `Baseline: restored from the cache, key ${baseline.key}.`;
    case 'none':
      return `No baseline: ${baseline.reason}.`;
  }
}
