import { UsageError } from '../errors.js';
import { formatRatio } from '../report/format.js';
import {
  DEFAULT_THRESHOLD_OPTIONS,
  type ClassThreshold,
  type ThresholdOptions,
} from './defaults.js';
import { countOf, listWithRest } from './listing.js';
import { requireFraction } from './options.js';
import { isBelow } from './tolerance.js';
import type { CheckRecord } from './types.js';

/** The scores that the threshold checks read; `ClassReport` and `MetricsReport` fit. */
export interface ThresholdInput {
  readonly miou: number | null;
  readonly classes: readonly {
    readonly id: number;
    readonly name: string;
    readonly iou: number | null;
    readonly recall: number | null;
  }[];
}

/**
 * Runs `threshold.miou`, `threshold.class-iou` and `threshold.class-recall`. A check whose minimum
 * is unset (null, and no per-class override) reports `skip`. Throws a `UsageError` for a minimum
 * outside [0, 1] or an override naming an unknown class.
 */
export function runThresholdChecks(
  input: ThresholdInput,
  options: Partial<ThresholdOptions> = {},
): CheckRecord[] {
  const resolved = { ...DEFAULT_THRESHOLD_OPTIONS, ...options };
  validateThresholds(
    resolved,
    input.classes.map((entry) => entry.name),
  );
  return [
    checkMiou(input.miou, resolved.minMiou),
    checkClasses(input, resolved, 'iou'),
    checkClasses(input, resolved, 'recall'),
  ];
}

/**
 * Validates threshold options against the class names of the run. Throws a `UsageError` for a
 * minimum outside [0, 1] or for an override whose class name is not in `classNames`, listing the
 * known names.
 */
export function validateThresholds(options: ThresholdOptions, classNames: readonly string[]): void {
  const unknown = Object.keys(options.classes).filter((name) => !classNames.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown class name${unknown.length === 1 ? '' : 's'} in the per-class thresholds: ${unknown
        .map((name) => JSON.stringify(name))
        .join(', ')}. Known class names: ${classNames.join(', ')}.`,
    );
  }

  for (const [name, value] of [
    ['minMiou', options.minMiou],
    ['minClassIou', options.minClassIou],
    ['minClassRecall', options.minClassRecall],
  ] as const) {
    if (value !== null) {
      requireFraction(name, value);
    }
  }
  for (const [name, override] of Object.entries(options.classes)) {
    if (override.minIou !== undefined && override.minIou !== null) {
      requireFraction(`${name}.minIou`, override.minIou);
    }
    if (override.minRecall !== undefined && override.minRecall !== null) {
      requireFraction(`${name}.minRecall`, override.minRecall);
    }
  }
}

function checkMiou(miou: number | null, minimum: number | null): CheckRecord {
  const id = 'threshold.miou';
  if (minimum === null) {
    return { id, status: 'skip', message: 'No minimum mIoU is set.' };
  }
  if (miou === null) {
    return {
      id,
      status: 'fail',
      message: `No pixel was scored, so mIoU is undefined and cannot meet the minimum ${formatRatio(minimum)}; the contract checks give the reason.`,
    };
  }
  if (isBelow(miou, minimum)) {
    return {
      id,
      status: 'fail',
      message: `mIoU ${formatRatio(miou)} is below the minimum ${formatRatio(minimum)}, short by ${formatRatio(minimum - miou)}. The per-class IoU shows which classes pull it down.`,
    };
  }
  return {
    id,
    status: 'pass',
    message: `mIoU ${formatRatio(miou)} meets the minimum ${formatRatio(minimum)}.`,
  };
}

type ClassMetric = 'iou' | 'recall';

const METRIC_TEXT: Record<ClassMetric, { label: string; absent: string; cause: string }> = {
  iou: {
    label: 'IoU',
    absent: 'absent from labels and predictions',
    cause:
      'Their recall and precision tell whether pixels are missed or confused with other classes.',
  },
  recall: {
    label: 'recall',
    absent: 'absent from the labels',
    cause:
      'The model misses these classes on many of their labelled pixels; the confusion matrix rows show which classes take them.',
  },
};

function checkClasses(
  input: ThresholdInput,
  options: ThresholdOptions,
  metric: ClassMetric,
): CheckRecord {
  const id = metric === 'iou' ? 'threshold.class-iou' : 'threshold.class-recall';
  const { label, absent, cause } = METRIC_TEXT[metric];
  const limited = input.classes.flatMap((entry) => {
    const minimum = classMinimum(options, entry.name, metric);
    return minimum === null ? [] : [{ ...entry, value: entry[metric], minimum }];
  });
  if (limited.length === 0) {
    return {
      id,
      status: 'skip',
      message: `No minimum class ${label} is set, globally or per class.`,
    };
  }

  const undefinedValues = limited.filter((entry) => entry.value === null);
  const checked = limited.flatMap((entry) =>
    entry.value === null ? [] : [{ ...entry, value: entry.value }],
  );
  const failing = checked.filter((entry) => isBelow(entry.value, entry.minimum));
  const note =
    undefinedValues.length === 0
      ? ''
      : ` Not checked because they are ${absent} (no ${label}): ${listWithRest(undefinedValues.map((entry) => entry.name))}.`;

  if (failing.length > 0) {
    const listed = failing
      .map((entry) => `${entry.name} ${formatRatio(entry.value)} < ${formatRatio(entry.minimum)}`)
      .join(', ');
    return {
      id,
      status: 'fail',
      message: `${failing.length} of ${countOf(checked.length, 'checked class', 'checked classes')} ${failing.length === 1 ? 'is' : 'are'} below the minimum ${label}: ${listed}. ${cause}${note}`,
    };
  }
  if (checked.length === 0) {
    return {
      id,
      status: 'skip',
      message: `No class with a minimum ${label} has a defined ${label}.${note}`,
    };
  }
  return {
    id,
    status: 'pass',
    message: `All ${countOf(checked.length, 'checked class', 'checked classes')} meet their minimum ${label} (${describeMinimums(options, metric)}).${note}`,
  };
}

/** Returns the minimum of one class: its override when that sets this metric, else the global one. */
function classMinimum(options: ThresholdOptions, name: string, metric: ClassMetric): number | null {
  const override: ClassThreshold | undefined = options.classes[name];
  const key = metric === 'iou' ? 'minIou' : 'minRecall';
  if (override !== undefined && override[key] !== undefined) {
    return override[key] ?? null;
  }
  return metric === 'iou' ? options.minClassIou : options.minClassRecall;
}

/** `global minimum 0.2500; overrides: person 0.3000, cat none`. */
function describeMinimums(options: ThresholdOptions, metric: ClassMetric): string {
  const global = metric === 'iou' ? options.minClassIou : options.minClassRecall;
  const key = metric === 'iou' ? 'minIou' : 'minRecall';
  const overrides = Object.entries(options.classes).flatMap(([name, override]) => {
    const value = override[key];
    if (value === undefined) {
      return [];
    }
    return [`${name} ${value === null ? 'none' : formatRatio(value)}`];
  });
  const parts = [global === null ? 'no global minimum' : `global minimum ${formatRatio(global)}`];
  if (overrides.length > 0) {
    parts.push(`overrides: ${overrides.join(', ')}`);
  }
  return parts.join('; ');
}
