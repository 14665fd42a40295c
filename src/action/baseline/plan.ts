import { COMPARING_EVENTS } from '../context.js';
import type { RunContext } from '../context.js';

/** The cache keys a run tries when it restores a baseline. */
export interface RestoreKeys {
  readonly primaryKey: string;
  readonly restoreKeys: readonly string[];
}

/**
 * Returns the keys a pull request or merge group restores its baseline with: the baseline of its
 * base commit first, then the newest entry of the namespace. Returns a reason instead for events
 * that do not compare against a baseline.
 */
export function planBaselineRestore(
  context: RunContext,
  namespace: string,
): RestoreKeys | { readonly skipReason: string } {
  if (!COMPARING_EVENTS.includes(context.eventName)) {
    const event = context.eventName === '' ? 'outside GitHub Actions' : `on ${context.eventName}`;
    return {
      skipReason: `runs ${event} compare against a baseline only when the \`baseline\` input names one; pull requests and merge groups restore the newest default-branch baseline`,
    };
  }

  const prefix = `${namespace}-`;
  if (context.baseSha === null) {
    return { primaryKey: prefix, restoreKeys: [] };
  }
  return { primaryKey: `${prefix}${context.baseSha}`, restoreKeys: [prefix] };
}

/** Returns the key a passing default-branch run saves its report under. */
export function baselineSaveKey(namespace: string, sha: string): string {
  return `${namespace}-${sha}`;
}

/** Returns the commit a baseline key was saved for, or null for a key of another namespace. */
export function commitOfKey(namespace: string, key: string): string | null {
  const prefix = `${namespace}-`;
  return key.startsWith(prefix) && key.length > prefix.length ? key.slice(prefix.length) : null;
}
