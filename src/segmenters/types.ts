import type { CheckRecord, ContractFinding } from '../checks/types.js';
import type { ClassIdMask } from '../decode/types.js';

/** Input of a segmenter for one image. */
export interface SegmenterInput {
  readonly id: string;
  readonly imagePath: string;
  /** Size of the label: the prediction must come back at this size. */
  readonly labelWidth: number;
  readonly labelHeight: number;
}

/** Numbers about the raw model output of one image, for contract checks. */
export interface OutputStats {
  /** Count of NaN and infinite values in the raw output, counted before argmax. */
  readonly nonFinite: number;
  /** Largest absolute finite value in the raw output. */
  readonly maxAbs: number;
  /** Pixels of the prediction (at label size) per predicted class id. */
  readonly predictedHistogram?: readonly number[];
}

/** Result of a segmenter for one image. */
export interface SegmenterOutput {
  /** Class ids at label size, or null when the output broke a contract and cannot be scored. */
  readonly mask: ClassIdMask | null;
  /** Contract violations seen while producing this mask. */
  readonly findings: readonly ContractFinding[];
  readonly stats?: OutputStats;
  /** Time spent in the model call itself, in milliseconds. */
  readonly inferenceMs: number;
  /** Time spent decoding and preprocessing the image, in milliseconds. */
  readonly preprocessMs: number;
}

/** Description of how a model was run, recorded in the report. */
export interface SegmenterInfo {
  readonly kind: 'onnx' | 'tfjs' | 'predictions';
  readonly path: string;
  /** Free-form key facts: input and output names and shapes, layout, backend, provider. */
  readonly details: Readonly<Record<string, string | number | boolean | null | readonly number[]>>;
  /** Human-readable decoding path, for example `NHWC logits [1,257,257,21] -> bilinear -> argmax`. */
  readonly decoding: string;
}

/**
 * A source of predicted class-id masks: a model run (ONNX, TensorFlow.js) or a folder of prediction
 * files. `open` has already validated the model against the class count before the first image.
 */
export interface Segmenter {
  readonly info: SegmenterInfo;
  /** Model-wide contract findings found when the model was opened (layout, channel count). */
  readonly openFindings: readonly ContractFinding[];
  segment(input: SegmenterInput): Promise<SegmenterOutput>;
  /**
   * Runs one image alone and inside a batch and compares the outputs (`contract.model.
   * batch-consistency`). Absent for prediction files.
   */
  checkBatchConsistency?(images: readonly SegmenterInput[]): Promise<CheckRecord>;
  dispose(): Promise<void>;
}
