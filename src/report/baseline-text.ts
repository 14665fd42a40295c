import type { BaselineComparison } from '../checks/regression.js';
import { NO_VALUE, formatRatio } from './format.js';

/** How many classes the summaries list by IoU change. */
export const MAX_LISTED_CLASS_DELTAS = 10;

/** Formats a signed difference with 4 decimals: `+0.0123`, `-0.0045`, `0.0000`. */
export function formatDelta(delta: number | null): string {
  if (delta === null) {
    return NO_VALUE;
  }
  const rounded = Number(delta.toFixed(4));
  if (rounded === 0) {
    return '0.0000';
  }
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(4)}`;
}

/**
 * Describes the mIoU difference in one sentence, for example
 * `ΔmIoU -0.0123 (95 % interval -0.0201 to -0.0051) against out/base.json`.
 */
export function baselineHeadline(baseline: BaselineComparison): string {
  const interval = baseline.interval
    ? ` (95 % interval ${formatDelta(baseline.interval[0])} to ${formatDelta(baseline.interval[1])}, ${baseline.resamples} paired bootstrap resamples)`
    : '';
  return `ΔmIoU ${formatDelta(baseline.deltaMiou)}${interval} against ${baseline.source}`;
}

/** Returns the classes whose IoU changed, largest loss first, at most `MAX_LISTED_CLASS_DELTAS`. */
export function changedClasses(baseline: BaselineComparison): BaselineComparison['classes'] {
  return baseline.classes
    .filter((entry) => entry.delta !== null && Number(entry.delta.toFixed(4)) !== 0)
    .sort((a, b) => (a.delta ?? 0) - (b.delta ?? 0))
    .slice(0, MAX_LISTED_CLASS_DELTAS);
}

/** Returns the cells of one class row: name, baseline IoU, IoU, difference. */
export function classDeltaCells(entry: BaselineComparison['classes'][number]): string[] {
  return [
    entry.name,
    formatRatio(entry.baselineIou),
    formatRatio(entry.iou),
    formatDelta(entry.delta),
  ];
}
