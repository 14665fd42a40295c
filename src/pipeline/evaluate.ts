import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContractLedger, MAX_LISTED_SUBJECTS, contractCheckIds } from '../checks/contract.js';
import type { CheckRecord, ContractFinding } from '../checks/types.js';
import type { EvaluateSettings } from '../config/settings.js';
import { InputError } from '../errors.js';
import { resolveDataset } from '../dataset/resolve.js';
import { applyLabelMap, type LabelMap } from '../dataset/label-map.js';
import type { ResolvedDataset, Sample } from '../dataset/types.js';
import { readImageHeader } from '../decode/header.js';
import { readMask } from '../decode/mask.js';
import { writeClassIdPng } from '../decode/png-write.js';
import type { ClassIdMask, MaskReadResult } from '../decode/types.js';
import { countImage, type ImageCounts } from '../metrics/accumulate.js';
import { ConfusionMatrix } from '../metrics/confusion.js';
import type { ImageReport } from '../report/types.js';
import { openSegmenter } from '../segmenters/open.js';
import { missingPredictionIds } from '../segmenters/predictions.js';
import type { Segmenter } from '../segmenters/types.js';
import { FingerprintBuilder, sha256Hex } from './fingerprint.js';
import { scanLabelValues } from './label-scan.js';
import type { Logger } from './logger.js';
import type { ImageObserver } from './observer.js';
import { prefetch } from './prefetch.js';

/** How many images are read and decoded ahead of the one being segmented. */
const PREFETCH_DEPTH = 2;

/** Progress callbacks; the CLI draws a bar or prints lines. */
export interface ProgressSink {
  tick(): void;
  done(): void;
}

export interface EvaluationDependencies {
  readonly logger: Logger;
  readonly createProgress: (total: number) => ProgressSink;
  readonly observers?: readonly ImageObserver[];
  /** Called with the resolved dataset before the segmenter opens; may throw to stop the run. */
  readonly onDataset?: (dataset: ResolvedDataset) => Promise<void>;
}

/** Everything the report is assembled from. */
export interface EvaluationOutcome {
  readonly dataset: ResolvedDataset;
  readonly segmenter: Segmenter['info'];
  readonly matrix: ConfusionMatrix;
  readonly images: readonly ImageReport[];
  readonly contractChecks: readonly CheckRecord[];
  readonly fingerprint: string;
  readonly ignoredPixels: number;
  readonly unscoredPixels: number;
  readonly warnings: readonly string[];
  /** `contract.model.batch-consistency`, or null for prediction files. */
  readonly batchCheck: CheckRecord | null;
  readonly timing: {
    readonly openMs: number;
    readonly decodeMs: number;
    readonly preprocessMs: number;
    readonly inferenceMs: number;
    readonly metricsMs: number;
    readonly loopMs: number;
  };
}

interface LoadedSample {
  readonly sample: Sample;
  readonly label: MaskReadResult;
  readonly labelSha256: string;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly decodeMs: number;
}

/**
 * Runs one evaluation: resolves the dataset, opens the segmenter, streams every image through
 * decode, segmentation and counting, and returns the accumulated outcome. Throws `UsageError` or
 * `InputError` when the run cannot start; contract violations are collected, not thrown.
 */
export async function evaluate(
  settings: EvaluateSettings,
  dependencies: EvaluationDependencies,
): Promise<EvaluationOutcome> {
  const { logger } = dependencies;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    logger.warn(message);
  };

  const listed = await resolveDataset(settings.data, {
    limit: settings.limit,
    skipMissing: settings.skipMissing,
    onWarning: warn,
  });
  const dataset = await dropMissingPredictions(settings, listed, warn);
  await dependencies.onDataset?.(dataset);
  logger.info(`Evaluating ${plural(dataset.samples.length, 'image')}.`);

  const openStart = performance.now();
  const segmenter = await openSegmenter(settings, logger);
  const openMs = performance.now() - openStart;
  logger.info(
    `Segmenter: ${segmenter.info.kind} ${segmenter.info.path} (${segmenter.info.decoding})`,
  );

  try {
    const run = new EvaluationRun(settings, segmenter, dependencies);
    await run.consume(dataset.samples);
    const batchCheck = await checkBatch(segmenter, dataset.samples);
    return run.outcome(dataset, openMs, warnings, batchCheck);
  } finally {
    await segmenter.dispose();
  }
}

/** The mutable state of one streaming pass. */
class EvaluationRun {
  private readonly matrix: ConfusionMatrix;
  private readonly ledger = new ContractLedger();
  private readonly fingerprint: FingerprintBuilder;
  private readonly images: ImageReport[] = [];
  private ignoredPixels = 0;
  private unscoredPixels = 0;
  private decodeMs = 0;
  private preprocessMs = 0;
  private inferenceMs = 0;
  private metricsMs = 0;
  private loopMs = 0;

  constructor(
    private readonly settings: EvaluateSettings,
    private readonly segmenter: Segmenter,
    private readonly dependencies: EvaluationDependencies,
  ) {
    this.matrix = new ConfusionMatrix(settings.numClasses);
    this.fingerprint = new FingerprintBuilder({
      numClasses: settings.numClasses,
      ignoreIndex: settings.ignoreIndex,
      labelMap: settings.labelMap?.text ?? null,
    });
    this.ledger.add(segmenter.openFindings);
  }

  async consume(samples: readonly Sample[]): Promise<void> {
    const progress = this.dependencies.createProgress(samples.length);
    const loopStart = performance.now();
    const loaded = prefetch(samples, PREFETCH_DEPTH, (sample) =>
      loadSample(sample, this.settings.maxPixels, this.settings.labelMap),
    );

    for await (const item of loaded) {
      this.decodeMs += item.decodeMs;
      this.fingerprint.add(item.sample.id, item.labelSha256);
      await this.processSample(item);
      progress.tick();
    }

    progress.done();
    this.loopMs = performance.now() - loopStart;
  }

  private async processSample(item: LoadedSample): Promise<void> {
    const { sample } = item;
    const label = this.checkLabel(item);
    if (!label) {
      // A label with out-of-range ids is still shown to the observers, whose label checks
      // (interpolated ids, ignored share) read it.
      const decoded = item.label.kind === 'mask' ? item.label.mask : null;
      this.recordUnscored(sample, item, decoded);
      await this.notify({ sample, label: decoded, prediction: null, counts: null, stats: null });
      return;
    }

    const output = await this.segmenter.segment({
      id: sample.id,
      imagePath: sample.imagePath,
      labelWidth: label.width,
      labelHeight: label.height,
    });
    this.preprocessMs += output.preprocessMs;
    this.inferenceMs += output.inferenceMs;
    this.ledger.add(output.findings);

    if (!output.mask) {
      this.recordUnscored(sample, item, label);
      await this.notify({
        sample,
        label,
        prediction: null,
        counts: null,
        stats: output.stats ?? null,
      });
      return;
    }

    const counts = this.count(label, output.mask);
    this.images.push({
      id: sample.id,
      width: label.width,
      height: label.height,
      ignoredPixels: counts.ignoredPixels,
      scored: true,
      counts: counts.matrix.toSparse(),
    });
    await this.savePrediction(sample.id, output.mask);
    await this.notify({
      sample,
      label,
      prediction: output.mask,
      counts,
      stats: output.stats ?? null,
    });
  }

  /** Returns the label to score, or null when a contract violation makes it unusable. */
  private checkLabel(item: LoadedSample): ClassIdMask | null {
    const { sample, label } = item;
    if (label.kind === 'not-class-ids') {
      this.ledger.add([
        {
          source: 'labels',
          kind: 'encoding',
          subject: sample.id,
          detail: `${label.encoding}, ${label.bitDepth}-bit`,
        },
      ]);
      return null;
    }

    const mask = label.mask;
    if (mask.width !== item.imageWidth || mask.height !== item.imageHeight) {
      this.ledger.add([
        {
          source: 'labels',
          kind: 'size',
          subject: sample.id,
          detail: `label ${mask.width}x${mask.height} vs image ${item.imageWidth}x${item.imageHeight}`,
        },
      ]);
      return null;
    }

    const { numClasses, ignoreIndex } = this.settings;
    const scan = scanLabelValues(mask, numClasses, ignoreIndex);
    if (scan.outOfRangePixels === 0) {
      return mask;
    }
    const finding: ContractFinding = {
      source: 'labels',
      kind: 'ids',
      subject: sample.id,
      detail: [...scan.outOfRange.keys()].slice(0, 5).join(', '),
      values: scan.outOfRange,
    };
    this.ledger.add([finding]);
    return null;
  }

  private count(label: ClassIdMask, prediction: ClassIdMask): ImageCounts {
    const start = performance.now();
    const counts = countImage(
      label,
      prediction,
      this.settings.numClasses,
      this.settings.ignoreIndex,
    );
    this.matrix.addMatrix(counts.matrix);
    this.ignoredPixels += counts.ignoredPixels;
    this.metricsMs += performance.now() - start;
    return counts;
  }

  private recordUnscored(sample: Sample, item: LoadedSample, label: ClassIdMask | null): void {
    const width = label?.width ?? item.imageWidth;
    const height = label?.height ?? item.imageHeight;
    this.unscoredPixels += width * height;
    this.images.push({ id: sample.id, width, height, ignoredPixels: 0, scored: false, counts: [] });
  }

  private async savePrediction(id: string, mask: ClassIdMask): Promise<void> {
    const dir = this.settings.savePredictionsDir;
    if (dir) {
      await writeClassIdPng(join(dir, `${id}.png`), mask);
    }
  }

  private async notify(observation: Parameters<ImageObserver['onImage']>[0]): Promise<void> {
    for (const observer of this.dependencies.observers ?? []) {
      await observer.onImage(observation);
    }
  }

  outcome(
    dataset: ResolvedDataset,
    openMs: number,
    warnings: string[],
    batchCheck: CheckRecord | null,
  ): EvaluationOutcome {
    const contractChecks = this.ledger.toChecks(contractCheckIds(this.segmenter.info.kind), {
      numClasses: this.settings.numClasses,
      ignoreIndex: this.settings.ignoreIndex,
      imageCount: dataset.samples.length,
    });
    return {
      dataset,
      segmenter: this.segmenter.info,
      matrix: this.matrix,
      images: this.images,
      contractChecks,
      fingerprint: this.fingerprint.digest(),
      ignoredPixels: this.ignoredPixels,
      unscoredPixels: this.unscoredPixels,
      warnings,
      batchCheck,
      timing: {
        openMs,
        decodeMs: this.decodeMs,
        preprocessMs: this.preprocessMs,
        inferenceMs: this.inferenceMs,
        metricsMs: this.metricsMs,
        loopMs: this.loopMs,
      },
    };
  }
}

/**
 * With `--predictions`, treats an id without a prediction file like an id without an image: exit 2
 * naming the ids, or with `--skip-missing` a warning and the id skipped.
 */
async function dropMissingPredictions(
  settings: EvaluateSettings,
  dataset: ResolvedDataset,
  warn: (message: string) => void,
): Promise<ResolvedDataset> {
  if (!settings.predictions) {
    return dataset;
  }

  if (!(await isFolder(settings.predictions))) {
    throw new InputError(
      `Prediction folder not found: ${settings.predictions}. Pass the folder that contains one <id>.png per image id with --predictions.`,
    );
  }
  const ids = dataset.samples.map((sample) => sample.id);
  const missing = await missingPredictionIds(settings.predictions, ids);
  if (missing.length === 0) {
    return dataset;
  }

  const listed = `${missing.slice(0, MAX_LISTED_SUBJECTS).join(', ')}${
    missing.length > MAX_LISTED_SUBJECTS ? ` and ${missing.length - MAX_LISTED_SUBJECTS} more` : ''
  }`;
  if (!settings.skipMissing || missing.length === ids.length) {
    throw new InputError(
      `${missing.length} of ${ids.length} ids have no prediction file <id>.png in ${settings.predictions}: ${listed}. ` +
        (settings.skipMissing
          ? 'No id is left to evaluate; check that --predictions names the right folder.'
          : 'Write one class-id PNG per id, or pass --skip-missing to evaluate the ids that have one.'),
    );
  }

  warn(`Skipped ${plural(missing.length, 'id')} without a prediction file: ${listed}.`);
  const skipped = new Set(missing);
  return {
    ...dataset,
    samples: dataset.samples.filter((sample) => !skipped.has(sample.id)),
    skippedIds: [...dataset.skippedIds, ...missing],
  };
}

/**
 * Runs the segmenter's batch-consistency check on the first two images, or returns null when the
 * segmenter has none (prediction files).
 */
async function checkBatch(
  segmenter: Segmenter,
  samples: readonly Sample[],
): Promise<CheckRecord | null> {
  if (!segmenter.checkBatchConsistency) {
    return null;
  }
  const inputs = samples.slice(0, 2).map((sample) => ({
    id: sample.id,
    imagePath: sample.imagePath,
    labelWidth: 1,
    labelHeight: 1,
  }));
  return segmenter.checkBatchConsistency(inputs);
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

async function loadSample(
  sample: Sample,
  maxPixels: number,
  labelMap: LabelMap | null,
): Promise<LoadedSample> {
  const start = performance.now();
  const [label, header] = await Promise.all([
    readMask(sample.labelPath, maxPixels),
    readImageHeader(sample.imagePath, maxPixels),
  ]);
  const result = label.result;
  return {
    sample,
    label:
      labelMap && result.kind === 'mask'
        ? { ...result, mask: applyLabelMap(labelMap, result.mask) }
        : result,
    labelSha256: sha256Hex(label.bytes),
    imageWidth: header.width,
    imageHeight: header.height,
    decodeMs: performance.now() - start,
  };
}
