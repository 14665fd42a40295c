import type { CheckRecord } from '../checks/types.js';
import type { Report } from '../report/types.js';
import { planAnnotations } from './annotations.js';
import type { Annotation } from './annotations.js';
import type { ActionLog } from './log.js';
import type { RunOutcome } from './outcome.js';

/**
 * Writes the failed checks and warnings as annotations and fails the step unless the gate passed.
 * Warnings of the action itself (no baseline) come before the report's warned checks and warnings.
 */
export function annotateAndFail(
  log: ActionLog,
  setFailed: (message: string) => void,
  outcome: RunOutcome,
  report: Report | null,
  failedChecks: readonly CheckRecord[],
  actionWarnings: readonly Annotation[],
): void {
  const warnings: Annotation[] = [
    ...actionWarnings,
    ...(report?.checks ?? [])
      .filter((check) => check.status === 'warn')
      .map((check) => ({ title: `seg-gate: ${check.id}`, message: check.message })),
    ...(report?.warnings ?? []).map((message) => ({ title: 'seg-gate', message })),
  ];

  const plan = planAnnotations(failureHeadline(outcome, failedChecks), failedChecks, warnings);
  for (const annotation of plan.errors) {
    log.error(annotation.message, annotation.title);
  }
  for (const annotation of plan.warnings) {
    log.warning(annotation.message, annotation.title);
  }
  if (plan.failure !== null) {
    setFailed(plan.failure);
  }
}

function failureHeadline(outcome: RunOutcome, failedChecks: readonly CheckRecord[]): string | null {
  switch (outcome.kind) {
    case 'pass':
      return null;
    case 'fail': {
      const ids = failedChecks.map((check) => check.id).join(', ');
      return failedChecks.length === 0
        ? 'seg-gate: the gate failed.'
        : `seg-gate: the gate failed: ${failedChecks.length} failed checks (${ids}).`;
    }
    case 'error':
      return `seg-gate could not evaluate: ${outcome.message}`;
  }
}
