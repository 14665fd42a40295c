import type { CheckRecord, CheckStatus } from '../checks/types.js';

/** Returns `fail` when any check failed, `pass` otherwise (warnings and skips do not fail). */
export function verdictFromChecks(checks: readonly CheckRecord[]): 'pass' | 'fail' {
  return checks.some((check) => check.status === 'fail') ? 'fail' : 'pass';
}

/** Counts checks by status; every status is present, with 0 when no check has it. */
export function countChecksByStatus(checks: readonly CheckRecord[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) {
    counts[check.status] += 1;
  }
  return counts;
}
