import { readFile } from 'node:fs/promises';

import type { CheckRecord, CheckStatus } from '../checks/types.js';
import { errorMessage, ExitCode } from '../errors.js';
import type { EngineExit } from './engine/run.js';
import type { RunOutcome } from './outcome.js';

/** The parts of `seg-gate train --training-report` that the action shows. */
export interface TrainingSummary {
  /** `fail` when a `training.` check failed; null when the file has no valid verdict. */
  readonly verdict: 'pass' | 'fail' | null;
  /** Optimizer steps requested (`--steps`), or null. */
  readonly requestedSteps: number | null;
  /** Losses of the steps that ran, in order; null for a NaN or infinite loss. */
  readonly losses: readonly (number | null)[];
  /** Mean wall time of a step, in milliseconds, or null. */
  readonly meanStepMs: number | null;
  /** TensorFlow.js backend name and its package, for example `cpu` and `@tensorflow/tfjs-backend-cpu 4.22.0`. */
  readonly backend: { readonly name: string; readonly source: string } | null;
  /** The saved model.json, or null when training stopped before saving. */
  readonly checkpoint: string | null;
  readonly checks: readonly CheckRecord[];
}

/** The training report as the action found it. */
export type TrainingReportFile =
  | { readonly kind: 'read'; readonly summary: TrainingSummary }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unusable'; readonly reason: string };

const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'skip'];

/**
 * Reads the training report that `seg-gate train` wrote (schema
 * `src/train/training-report.schema.json`). Each field is read on its own and a field of the
 * wrong type becomes null or is left out, so a report of a newer engine still gives a summary.
 * Returns `missing` when there is no file and `unusable` when it is no JSON object.
 */
export async function readTrainingReport(path: string): Promise<TrainingReportFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { kind: 'missing' };
    }
    return { kind: 'unusable', reason: `${path} could not be read: ${errorMessage(error)}` };
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'unusable', reason: `${path} is not JSON: ${errorMessage(error)}` };
  }
  if (!isRecord(value)) {
    return { kind: 'unusable', reason: `${path} is not a JSON object` };
  }
  return { kind: 'read', summary: summarizeTrainingReport(value) };
}

/** Picks the shown fields out of a parsed training report; see `readTrainingReport`. */
export function summarizeTrainingReport(
  report: Readonly<Record<string, unknown>>,
): TrainingSummary {
  const parameters = isRecord(report['parameters']) ? report['parameters'] : {};
  const timing = isRecord(report['timing']) ? report['timing'] : {};
  const backend = isRecord(report['backend']) ? report['backend'] : null;
  const steps = Array.isArray(report['steps']) ? report['steps'] : [];
  const checks = Array.isArray(report['checks']) ? report['checks'] : [];
  const verdict = report['verdict'];

  return {
    verdict: verdict === 'pass' || verdict === 'fail' ? verdict : null,
    requestedSteps: finiteOrNull(parameters['steps']),
    losses: steps.filter(isRecord).map((step) => finiteOrNull(step['loss'])),
    meanStepMs: finiteOrNull(timing['meanStepMs']),
    backend:
      backend !== null && typeof backend['name'] === 'string'
        ? {
            name: backend['name'],
            source: typeof backend['source'] === 'string' ? backend['source'] : '',
          }
        : null,
    checkpoint: typeof report['checkpoint'] === 'string' ? report['checkpoint'] : null,
    checks: checks.filter(isRecord).flatMap(toCheckRecord),
  };
}

/**
 * Turns an engine exit of 1 without a usable evaluation report into a failed gate when the
 * training report records a failed `training.` check. `seg-gate train` then stops before it
 * evaluates, so it writes no report. Any other outcome is returned unchanged.
 */
export function withTrainingOutcome(
  outcome: RunOutcome,
  exit: EngineExit,
  training: TrainingSummary | null,
): RunOutcome {
  const stoppedOnCheck =
    exit.signal === null && exit.code === ExitCode.gateFailed && training?.verdict === 'fail';
  return outcome.kind === 'error' && stoppedOnCheck ? { kind: 'fail' } : outcome;
}

function toCheckRecord(value: Readonly<Record<string, unknown>>): CheckRecord[] {
  const { id, status, message } = value;
  const known = CHECK_STATUSES.find((candidate) => candidate === status);
  if (typeof id !== 'string' || known === undefined) {
    return [];
  }
  return [{ id, status: known, message: typeof message === 'string' ? message : '' }];
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
