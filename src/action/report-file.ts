import { readFile } from 'node:fs/promises';

import type { Report } from '../report/types.js';

/** One class of the baseline comparison. */
export interface BaselineClassDelta {
  readonly id: number;
  readonly name: string;
  readonly baselineIou: number | null;
  readonly iou: number | null;
  readonly delta: number | null;
}

/** The regression data the engine adds to a report as `baseline` when it had a baseline. */
export interface BaselineComparison {
  /** Where the baseline report came from, as the engine names it (a path). */
  readonly source: string;
  /** This run's mIoU minus the baseline's, or null when either is undefined. */
  readonly deltaMiou: number | null;
  /** Bootstrap confidence interval of `deltaMiou`, or null when it could not be computed. */
  readonly interval: readonly [number, number] | null;
  readonly resamples: number;
  readonly seed: number;
  readonly classes: readonly BaselineClassDelta[];
}

/**
 * Reads the engine's JSON report. Returns null when the file is missing or is not a report
 * (no known `verdict`), for example after the engine crashed before writing it.
 */
export async function readReportFile(path: string): Promise<Report | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !['pass', 'fail', 'error'].includes(String(parsed['verdict']))) {
    return null;
  }
  return withDefaults(parsed);
}

/** Fills the list fields a partial report may lack, so renderers can iterate them. */
function withDefaults(raw: Record<string, unknown>): Report {
  const lists = ['classes', 'confusionMatrix', 'checks', 'images', 'warnings'] as const;
  const report: Record<string, unknown> = { ...raw };
  for (const name of lists) {
    if (!Array.isArray(report[name])) {
      report[name] = [];
    }
  }
  for (const name of ['error', 'dataset', 'model', 'preprocessing', 'metrics'] as const) {
    if (!isRecord(report[name])) {
      report[name] = null;
    }
  }
  return report as unknown as Report;
}

/**
 * Reads the `baseline` field of a report. The field is optional: a report without it, or with a
 * value of another shape, has no comparison. Class entries of another shape are left out.
 */
export function readBaselineComparison(report: unknown): BaselineComparison | null {
  if (!isRecord(report) || !isRecord(report['baseline'])) {
    return null;
  }
  const raw = report['baseline'];
  const interval = raw['interval'];

  return {
    source: typeof raw['source'] === 'string' ? raw['source'] : 'unknown',
    deltaMiou: finiteOrNull(raw['deltaMiou']),
    interval:
      Array.isArray(interval) &&
      interval.length === 2 &&
      typeof interval[0] === 'number' &&
      typeof interval[1] === 'number'
        ? [interval[0], interval[1]]
        : null,
    resamples: finiteOrNull(raw['resamples']) ?? 0,
    seed: finiteOrNull(raw['seed']) ?? 0,
    classes: Array.isArray(raw['classes']) ? raw['classes'].flatMap(readClassDelta) : [],
  };
}

function readClassDelta(value: unknown): BaselineClassDelta[] {
  if (!isRecord(value) || typeof value['id'] !== 'number') {
    return [];
  }
  return [
    {
      id: value['id'],
      name: typeof value['name'] === 'string' ? value['name'] : String(value['id']),
      baselineIou: finiteOrNull(value['baselineIou']),
      iou: finiteOrNull(value['iou']),
      delta: finiteOrNull(value['delta']),
    },
  ];
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
