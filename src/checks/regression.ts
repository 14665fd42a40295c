import { ConfusionMatrix } from '../metrics/confusion.js';
import { computeScores } from '../metrics/scores.js';
import { formatRatio } from '../report/format.js';
import type { ImageReport, Report } from '../report/types.js';
import { pairedBootstrapMiou, type PairedBootstrapResult } from './bootstrap.js';
import { assertComparable, type CurrentRun } from './comparable.js';
import type { RegressionOptions } from './defaults.js';
import { countOf, listWithRest } from './listing.js';
import { resolveRegressionOptions } from './options.js';
import { isAbove, isBelow } from './tolerance.js';
import type { CheckRecord } from './types.js';

/** The comparison with the baseline, as written to the report. */
export interface BaselineComparison {
  /** Origin of the baseline: a file path or a cache key. */
  readonly source: string;
  /** mIoU of the current run minus mIoU of the baseline; null when either is undefined. */
  readonly deltaMiou: number | null;
  /** Paired-bootstrap percentile interval of `deltaMiou`; null when `deltaMiou` is null. */
  readonly interval: readonly [number, number] | null;
  readonly resamples: number;
  readonly seed: number;
  readonly classes: readonly {
    readonly id: number;
    readonly name: string;
    readonly baselineIou: number | null;
    readonly iou: number | null;
    /** iou - baselineIou; null unless both are defined. */
    readonly delta: number | null;
  }[];
}

export interface RegressionResult {
  /** `regression.miou` and `regression.class-iou`. */
  readonly checks: CheckRecord[];
  readonly comparison: BaselineComparison;
}

/**
 * Compares the current run with a baseline report: the mIoU difference with a paired-bootstrap
 * interval over images, and the IoU difference of every class. Both runs' scores are computed
 * from their per-image sparse counts, so the bootstrap and the point estimates agree.
 *
 * Throws an `InputError` when the baseline is not comparable (see `assertComparable`) and a
 * `UsageError` for an invalid option.
 */
export function compareBaseline(
  current: CurrentRun,
  baseline: Report,
  source: string,
  options: Partial<RegressionOptions> = {},
): RegressionResult {
  const resolved = resolveRegressionOptions(options);
  assertComparable(current, baseline, source);

  const baselineById = new Map(baseline.images.map((image) => [image.id, image]));
  const pairs = current.images.map((image) => ({
    current: image.counts,
    baseline: baselineById.get(image.id)?.counts ?? [],
  }));
  const numClasses = current.classNames.length;
  const bootstrap = pairedBootstrapMiou(pairs, numClasses, resolved);

  const comparison: BaselineComparison = {
    source,
    deltaMiou: bootstrap.estimate,
    interval: bootstrap.estimate === null ? null : bootstrap.interval,
    resamples: resolved.resamples,
    seed: resolved.seed,
    classes: compareClasses(current, baseline, numClasses),
  };

  return {
    checks: [
      checkMiouRegression(bootstrap, comparison, current.images.length, resolved),
      checkClassRegression(comparison, baseline.images, resolved),
    ],
    comparison,
  };
}

/**
 * Builds `regression.miou` and `regression.class-iou` as `skip` with the same `reason`, for a run
 * without a baseline, for example `No baseline found; store one from the main branch.`
 */
export function skippedRegressionChecks(reason: string): CheckRecord[] {
  return [
    { id: 'regression.miou', status: 'skip', message: reason },
    { id: 'regression.class-iou', status: 'skip', message: reason },
  ];
}

function compareClasses(
  current: CurrentRun,
  baseline: Report,
  numClasses: number,
): BaselineComparison['classes'] {
  const currentScores = computeScores(sumCounts(current.images, numClasses));
  const baselineScores = computeScores(sumCounts(baseline.images, numClasses));
  return current.classNames.map((name, id) => {
    const iou = currentScores.classes[id]?.iou ?? null;
    const baselineIou = baselineScores.classes[id]?.iou ?? null;
    const delta = iou === null || baselineIou === null ? null : iou - baselineIou;
    return { id, name, baselineIou, iou, delta };
  });
}

function sumCounts(images: readonly ImageReport[], numClasses: number): ConfusionMatrix {
  const matrix = new ConfusionMatrix(numClasses);
  for (const image of images) {
    matrix.addSparse(image.counts);
  }
  return matrix;
}

/**
 * `regression.miou`: fails when mIoU dropped by more than `maxMiouDrop` and the whole interval
 * lies below 0; otherwise passes and states whether the change is within noise.
 */
function checkMiouRegression(
  bootstrap: PairedBootstrapResult,
  comparison: BaselineComparison,
  imageCount: number,
  options: RegressionOptions,
): CheckRecord {
  const id = 'regression.miou';
  const { estimate } = bootstrap;
  const interval = comparison.interval;
  if (estimate === null || interval === null) {
    return {
      id,
      status: 'skip',
      message: `mIoU is undefined in ${bootstrap.currentMiou === null ? 'the current run' : 'the baseline'} (no scored pixels), so the runs cannot be compared.`,
    };
  }

  const [lower, upper] = interval;
  const evidence = `Against the baseline ${comparison.source}, mIoU went from ${formatRatio(bootstrap.baselineMiou)} to ${formatRatio(bootstrap.currentMiou)}: a change of ${signed(estimate)} with a ${Math.round(options.confidence * 100)}% interval of [${signed(lower)}, ${signed(upper)}] from ${options.resamples} paired bootstrap resamples of ${countOf(imageCount, 'image')} (seed ${options.seed}).`;
  const allowed = formatRatio(options.maxMiouDrop);

  if (isBelow(estimate, -options.maxMiouDrop) && upper < 0) {
    return {
      id,
      status: 'fail',
      message: `${evidence} The drop is larger than the allowed ${allowed} and the interval lies below 0, so it is unlikely to be resampling noise. regression.class-iou and the per-class changes show which classes lost the most.`,
    };
  }

  let verdict: string;
  if (lower > 0) {
    verdict = 'The interval lies above 0: a significant improvement.';
  } else if (upper < 0) {
    verdict = `The interval lies below 0, but the drop is within the allowed ${allowed}.`;
  } else if (isBelow(estimate, -options.maxMiouDrop)) {
    verdict = `The drop is larger than the allowed ${allowed}, but the interval contains 0, so it is within resampling noise on these images.`;
  } else {
    verdict = 'The interval contains 0: the difference is within resampling noise.';
  }
  return { id, status: 'pass', message: `${evidence} ${verdict}` };
}

/**
 * `regression.class-iou`: fails when a class with an IoU in both runs lost more than
 * `maxClassIouDrop`, naming each with its IoU before and after and the number of baseline images
 * whose labels contain it.
 */
function checkClassRegression(
  comparison: BaselineComparison,
  baselineImages: readonly ImageReport[],
  options: RegressionOptions,
): CheckRecord {
  const id = 'regression.class-iou';
  const compared = comparison.classes.flatMap((entry) =>
    entry.delta === null || entry.baselineIou === null || entry.iou === null
      ? []
      : [
          {
            id: entry.id,
            name: entry.name,
            before: entry.baselineIou,
            after: entry.iou,
            delta: entry.delta,
          },
        ],
  );
  const oneSided = comparison.classes.filter(
    (entry) => (entry.iou === null) !== (entry.baselineIou === null),
  );
  const note =
    oneSided.length === 0
      ? ''
      : ` Scored in only one run and not compared: ${listWithRest(
          oneSided.map(
            (entry) => `${entry.name} (${entry.iou === null ? 'baseline' : 'current'} only)`,
          ),
        )}.`;

  if (compared.length === 0) {
    return { id, status: 'skip', message: `No class has an IoU in both runs.${note}` };
  }

  const imagesWith = imagesPerClass(baselineImages);
  const dropped = compared
    .filter((entry) => isAbove(-entry.delta, options.maxClassIouDrop))
    .sort((a, b) => a.delta - b.delta);
  const allowed = formatRatio(options.maxClassIouDrop);

  if (dropped.length > 0) {
    const listed = dropped
      .map(
        (entry) =>
          `${entry.name} ${formatRatio(entry.before)} -> ${formatRatio(entry.after)} (${signed(entry.delta)}, labelled in ${countOf(imagesWith.get(entry.id) ?? 0, 'image')})`,
      )
      .join(', ');
    return {
      id,
      status: 'fail',
      message: `${dropped.length} of ${countOf(compared.length, 'class', 'classes')} scored in both runs lost more than ${allowed} IoU against the baseline ${comparison.source}: ${listed}. The confusion matrix rows of these classes show which classes took their pixels.${note}`,
    };
  }

  const worst = compared.reduce((a, b) => (b.delta < a.delta ? b : a));
  const largest =
    worst.delta < 0
      ? `the largest drop is ${worst.name} ${formatRatio(worst.before)} -> ${formatRatio(worst.after)} (${signed(worst.delta)})`
      : 'no class lost IoU';
  return {
    id,
    status: 'pass',
    message: `No class of the ${compared.length} scored in both runs lost more than ${allowed} IoU against the baseline ${comparison.source}; ${largest}.${note}`,
  };
}

/** Number of images whose labels contain each class id, from their sparse counts. */
function imagesPerClass(images: readonly ImageReport[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const image of images) {
    for (const classId of new Set(image.counts.map((triple) => triple[0]))) {
      counts.set(classId, (counts.get(classId) ?? 0) + 1);
    }
  }
  return counts;
}

/** Formats a difference with its sign and 4 decimals: `+0.0123`, `-0.0309`, `0.0000`. */
function signed(value: number): string {
  const text = formatRatio(Math.abs(value));
  if (text === '0.0000') {
    return text;
  }
  return `${value < 0 ? '-' : '+'}${text}`;
}
