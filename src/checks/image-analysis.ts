import type { ImageObservation, ImageObserver } from '../pipeline/observer.js';
import type { ImageAnalysisOptions } from './defaults.js';
import { ConstantEvidence } from './constant-evidence.js';
import { LabelEvidence } from './label-evidence.js';
import { resolveImageAnalysisOptions } from './options.js';
import { OutputEvidence, type SegmenterKind } from './output-evidence.js';
import type { CheckRecord } from './types.js';

/** Facts of the run that the per-image checks need. */
export interface ImageAnalysisContext {
  readonly ignoreIndex: number;
  /** Class names in id order. */
  readonly classNames: readonly string[];
  readonly segmenterKind: SegmenterKind;
}

/**
 * Gathers per-image evidence during the streaming pass, keeping counts and signatures but no
 * masks, and turns it into check records with {@link ImageAnalysis.finish}:
 * `contract.labels.interpolated`, `contract.labels.ignored-share`,
 * `contract.predictions.constant`, `contract.model.non-finite` and
 * `contract.model.logit-magnitude`.
 */
export class ImageAnalysis implements ImageObserver {
  private readonly labels: LabelEvidence;
  private readonly outputs: OutputEvidence;
  private readonly constant: ConstantEvidence;

  /** Throws a `UsageError` for an invalid option. */
  constructor(context: ImageAnalysisContext, options: Partial<ImageAnalysisOptions> = {}) {
    const resolved = resolveImageAnalysisOptions(options);
    this.labels = new LabelEvidence(context, resolved);
    this.outputs = new OutputEvidence(context.segmenterKind, resolved);
    this.constant = new ConstantEvidence(context.classNames, resolved);
  }

  /** Adds the label, raw-output statistics and prediction signature of one image. */
  onImage(observation: ImageObservation): void {
    const { sample, label, prediction, counts, stats } = observation;
    if (label) {
      this.labels.add(sample.id, label);
    }
    if (stats) {
      this.outputs.add(sample.id, stats);
    }
    if (label && prediction && counts) {
      this.constant.add(label, prediction);
    }
  }

  /** Builds the check records from the evidence gathered so far. */
  finish(): CheckRecord[] {
    return [
      this.labels.interpolatedCheck(),
      this.labels.ignoredShareCheck(),
      this.constant.constantCheck(),
      this.outputs.nonFiniteCheck(),
      this.outputs.logitMagnitudeCheck(),
    ];
  }
}
