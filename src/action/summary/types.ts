import type { BaselineOrigin, BaselineSave } from '../baseline/store.js';
import type { Report } from '../../report/types.js';
import type { RunOutcome } from '../outcome.js';
import type { TrainingSummary } from '../training-report.js';

/** Outcome of saving this run's report as the baseline. */
export type BaselineSaveNote = BaselineSave | { readonly kind: 'skipped'; readonly reason: string };

/** Per-class thresholds from the inputs, used for the pass and fail marks of the class table. */
export interface ClassThresholds {
  readonly minClassIou: number | null;
  readonly minClassRecall: number | null;
  /** IoU loss against the baseline above which a class is marked, as `regression.class-iou` does. */
  readonly maxClassIouDrop: number;
}

/** Everything the job summary shows. */
export interface SummaryInput {
  readonly outcome: RunOutcome;
  /** The engine's report. Its `baseline` field contains the comparison with the baseline. */
  readonly report: Report | null;
  readonly baseline: BaselineOrigin;
  /**
   * The engine's reason for rejecting the baseline, or null. The report is then from a run
   * without a baseline.
   */
  readonly baselineRejection: string | null;
  readonly save: BaselineSaveNote | null;
  /** Overlay PNG paths, worst image first. */
  readonly overlays: readonly string[];
  readonly reportPath: string;
  readonly thresholds: ClassThresholds;
  /** The training report of a `train-steps` run, or null when the action evaluated only. */
  readonly training: TrainingSummary | null;
}

/** One part of the summary. Optional parts are left out, lowest priority first, to fit 1 MiB. */
export interface SummarySection {
  readonly title: string;
  /** `required` parts are always kept; among optional ones a higher number is kept longer. */
  readonly priority: 'required' | number;
  readonly markdown: string;
}
