import type { BaselineComparison } from '../checks/regression.js';
import type { CheckRecord } from '../checks/types.js';

/** Version of the report format; a baseline must carry the same one to be compared. */
export const REPORT_SCHEMA_VERSION = 1;

export type Verdict = 'pass' | 'fail' | 'error';

/** Per-class scores. Null where the denominator is empty; see `src/metrics/scores.ts`. */
export interface ClassReport {
  readonly id: number;
  readonly name: string;
  readonly iou: number | null;
  readonly recall: number | null;
  readonly precision: number | null;
  /** Labelled pixels of this class (row sum of the confusion matrix). */
  readonly support: number;
  /** Pixels predicted as this class among scored pixels (column sum). */
  readonly predicted: number;
  readonly intersection: number;
  readonly union: number;
}

export interface MetricsReport {
  readonly miou: number | null;
  readonly pixelAccuracy: number | null;
  readonly meanRecall: number | null;
  readonly fwIou: number | null;
  /** Pixels counted in the confusion matrix. */
  readonly scoredPixels: number;
  /** Label pixels equal to the ignore index, removed before counting. */
  readonly ignoredPixels: number;
  /** Pixels left out because their label or prediction broke a contract. */
  readonly unscoredPixels: number;
}

/** One image: its size and its confusion counts as sparse `[true, predicted, pixels]` triples. */
export interface ImageReport {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly ignoredPixels: number;
  /** False when a contract violation kept this image out of the confusion matrix. */
  readonly scored: boolean;
  readonly counts: readonly (readonly [number, number, number])[];
}

export interface DatasetReport {
  readonly source: 'voc' | 'folders';
  readonly root: string | null;
  readonly split: string | null;
  readonly idsFile: string | null;
  readonly imagesDir: string | null;
  readonly labelsDir: string | null;
  readonly listed: number;
  readonly evaluated: number;
  readonly skippedMissing: number;
  /** The first skipped ids (at most 20). */
  readonly skippedIds: readonly string[];
  readonly numClasses: number;
  readonly ignoreIndex: number;
  /**
   * sha256 over the evaluated ids in order, each with the sha256 of its label file bytes, the class
   * count and the ignore index. Two reports are comparable only when these match.
   */
  readonly fingerprint: string;
}

export interface ModelReport {
  readonly kind: 'onnx' | 'tfjs' | 'predictions';
  readonly path: string;
  readonly decoding: string;
  readonly details: Readonly<Record<string, string | number | boolean | null | readonly number[]>>;
}

export interface PreprocessingReport {
  readonly normalize: string | null;
  readonly channelOrder: string;
  readonly inputSize: string | null;
  readonly resize: string;
  readonly layout: string;
  readonly upsample: string;
  readonly device: string;
  readonly threads: number | null;
}

export interface TimingReport {
  readonly startedAt: string;
  readonly totalMs: number;
  readonly openMs: number;
  readonly decodeMs: number;
  readonly preprocessMs: number;
  readonly inferenceMs: number;
  readonly metricsMs: number;
  readonly imagesPerSecond: number | null;
}

export interface ErrorReport {
  /** `usage` or `input` for exit code 2, `internal` for exit code 3. */
  readonly kind: 'usage' | 'input' | 'internal';
  readonly message: string;
}

/** The JSON report, as published in `schemas/report.schema.json`. */
export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'seg-gate'; readonly version: string };
  readonly verdict: Verdict;
  readonly error: ErrorReport | null;
  readonly dataset: DatasetReport | null;
  readonly model: ModelReport | null;
  readonly preprocessing: PreprocessingReport | null;
  readonly metrics: MetricsReport | null;
  readonly classes: readonly ClassReport[];
  /** Rows are true classes, columns predicted classes. */
  readonly confusionMatrix: readonly (readonly number[])[];
  readonly checks: readonly CheckRecord[];
  readonly images: readonly ImageReport[];
  readonly warnings: readonly string[];
  readonly timing: TimingReport;
  /** Comparison with the baseline report, or null when no baseline was given. */
  readonly baseline: BaselineComparison | null;
  /** Overlay PNGs of the worst images, worst first. */
  readonly overlays: readonly string[];
}
