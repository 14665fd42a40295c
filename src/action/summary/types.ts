import type { BaselineOrigin, BaselineSave } from '../baseline/store.js';
import type { RunOutcome } from '../outcome.js';
import type { BaselineComparison } from '../report-file.js';
import type { Report } from '../../report/types.js';

/** What became of saving this run's report as the baseline. */
export type BaselineSaveNote = BaselineSave | { readonly kind: 'skipped'; readonly reason: string };

/** Per-class thresholds from the inputs, used for the pass and fail marks of the class table. */
export interface ClassThresholds {
  readonly minClassIou: number | null;
  readonly minClassRecall: number | null;
}

/** Everything the job summary shows. */
export interface SummaryInput {
  readonly outcome: RunOutcome;
  readonly report: Report | null;
  readonly comparison: BaselineComparison | null;
  readonly baseline: BaselineOrigin;
  readonly save: BaselineSaveNote | null;
  /** Overlay PNG paths. */
  readonly overlays: readonly string[];
  readonly reportPath: string;
  readonly thresholds: ClassThresholds;
}

/** One part of the summary. Optional parts are left out, lowest priority first, to fit 1 MiB. */
export interface SummarySection {
  readonly title: string;
  /** `required` parts are always kept; among optional ones a higher number is kept longer. */
  readonly priority: 'required' | number;
  readonly markdown: string;
}
