/** Outcome of one check. Any `fail` makes the verdict `fail`. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One check result as stored in the report. */
export interface CheckRecord {
  /** Stable id with a family prefix, for example `contract.labels.encoding`. */
  readonly id: string;
  readonly status: CheckStatus;
  /** One paragraph: the evidence and the likely cause. */
  readonly message: string;
}

/** Side of the evaluation that broke a contract. */
export type ContractSource = 'labels' | 'predictions' | 'model';

/**
 * Kinds of contract violation that the evaluation itself detects.
 * - `encoding`: a mask stored as RGB, RGBA, grey with alpha or 16-bit instead of 8-bit class ids.
 * - `ids`: class ids outside 0..C-1 (and, for labels, not the ignore index).
 * - `size`: a label whose size differs from its image, or a prediction whose size differs from its
 *   label.
 * - `channels`: model output channels that do not match `--num-classes`.
 * - `layout`: a model tensor whose layout cannot be decided.
 * - `output`: a model output that cannot be decoded into class ids (rank, type, non-finite values).
 */
export type ContractKind = 'encoding' | 'ids' | 'size' | 'channels' | 'layout' | 'output';

/** One observed contract violation on one file. */
export interface ContractFinding {
  readonly source: ContractSource;
  readonly kind: ContractKind;
  /** The image id the finding belongs to, or the model path for model-wide findings. */
  readonly subject: string;
  /** Short evidence for this subject, for example `rgb, 8-bit` or `257x257 vs 500x375`. */
  readonly detail: string;
  /** Offending values with their pixel counts, for `ids` findings. */
  readonly values?: ReadonlyMap<number, number>;
}
