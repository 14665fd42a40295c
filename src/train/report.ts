import type { CheckRecord } from '../checks/types.js';
import { writeTextAtomic } from '../report/write.js';
import { TOOL_VERSION } from '../version.js';
import type { StepRecord } from './loop.js';
import type { LabelEncoding, LossName, TrainingParameters } from './settings.js';

/** Version of the training report format in `src/train/training-report.schema.json`. */
export const TRAINING_REPORT_SCHEMA_VERSION = 1;

/** Result of the evaluation of the trained checkpoint, as the training report records it. */
export interface TrainingEvaluation {
  readonly verdict: 'pass' | 'fail' | 'error';
  readonly exitCode: number;
  readonly miou: number | null;
  /** The evaluation's JSON report file, or null when none was written. */
  readonly reportPath: string | null;
}

/** The training report written with `--training-report FILE`. */
export interface TrainingReport {
  readonly schemaVersion: typeof TRAINING_REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'seg-gate'; readonly version: string };
  /** `fail` when any `training.` check failed; the evaluation has its own verdict. */
  readonly verdict: 'pass' | 'fail';
  readonly initialModel: string;
  /** The saved model.json, or null when training stopped before saving. */
  readonly checkpoint: string | null;
  readonly backend: { readonly name: string; readonly source: string } | null;
  readonly parameters: TrainingParameters & {
    readonly resolvedLoss: LossName | null;
    readonly labelEncoding: LabelEncoding;
  };
  readonly data: {
    readonly examples: number;
    readonly inputSize: string | null;
    readonly outputSize: string | null;
  };
  readonly checks: readonly CheckRecord[];
  readonly overfitProbe: { readonly losses: readonly number[] } | null;
  readonly steps: readonly StepRecord[];
  readonly evaluation: TrainingEvaluation | null;
  readonly timing: {
    readonly startedAt: string;
    readonly totalMs: number;
    /** Mean wall time of a training step in milliseconds, or null before any step. */
    readonly meanStepMs: number | null;
  };
}

/** Returns `fail` when any record failed, else `pass`. */
export function trainingVerdict(checks: readonly CheckRecord[]): 'pass' | 'fail' {
  return checks.some((check) => check.status === 'fail') ? 'fail' : 'pass';
}

/** Returns the tool field of the report. */
export function toolField(): TrainingReport['tool'] {
  return { name: 'seg-gate', version: TOOL_VERSION };
}

/**
 * Writes the report as indented JSON. NaN and infinite losses, which JSON cannot hold, are
 * written as null.
 */
export async function writeTrainingReport(path: string, report: TrainingReport): Promise<void> {
  const text = JSON.stringify(
    report,
    (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value),
    2,
  );
  await writeTextAtomic(path, `${text}\n`);
}
