import type { DataSettings, EvaluateSettings } from '../config/settings.js';

/** Resolved settings of one `seg-gate train` run. */

export const OPTIMIZERS = ['adam', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * The training loss. `auto` follows the loss saved in the model's training config (sparse or
 * categorical cross-entropy) and is sparse without one. Both losses are masked and from logits.
 */
export const LOSSES = [
  'auto',
  'sparse-categorical-crossentropy',
  'categorical-crossentropy',
] as const;
export type LossChoice = (typeof LOSSES)[number];
export type LossName = Exclude<LossChoice, 'auto'>;

/** Encoding of the label masks fed to the loss: class ids [B,H,W] or one-hot rows [B,H,W,C]. */
export const LABEL_ENCODINGS = ['sparse', 'one-hot'] as const;
export type LabelEncoding = (typeof LABEL_ENCODINGS)[number];

/** Treatment of a final softmax in front of a loss on logits. */
export const FINAL_SOFTMAX_MODES = ['strip', 'reject'] as const;
export type FinalSoftmaxMode = (typeof FINAL_SOFTMAX_MODES)[number];

export const DEFAULT_BATCH_SIZE = 4;
export const DEFAULT_LEARNING_RATE = 0.001;
export const DEFAULT_OPTIMIZER: OptimizerName = 'adam';
export const DEFAULT_LOSS: LossChoice = 'auto';
export const DEFAULT_LABEL_ENCODING: LabelEncoding = 'sparse';
export const DEFAULT_FINAL_SOFTMAX: FinalSoftmaxMode = 'strip';
/** A per-pixel mean cross-entropy of a fresh head starts near ln C; this factor bounds it. */
export const DEFAULT_FIRST_LOSS_FACTOR = 3;
export const DEFAULT_TRAIN_SEED = 1;

/** The training hyperparameters and sanity-check parameters. */
export interface TrainingParameters {
  readonly steps: number;
  readonly batchSize: number;
  /** Step size of the optimizer, above 0 (0 is allowed to test that weights stay put). */
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  /** One weight per class, or null for equal weights. */
  readonly classWeights: readonly number[] | null;
  readonly loss: LossChoice;
  readonly labelEncoding: LabelEncoding;
  readonly finalSoftmax: FinalSoftmaxMode;
  /** Steps of the overfit probe on one repeated batch, or null to skip it. */
  readonly overfitProbe: number | null;
  /** `training.loss.first-step` fails above this many times ln C. */
  readonly firstLossFactor: number;
  /** Seed of the batch order and of the random input that checks the dilated rewrite. */
  readonly seed: number;
}

export interface TrainSettings {
  /** The checkpoint to start from: a TensorFlow.js layers model.json. */
  readonly initialModel: string;
  /** Training data; the same kinds of source as `evaluate`. */
  readonly data: DataSettings;
  /** Folder the trained checkpoint (model.json and weights) is written to. */
  readonly outputDir: string;
  readonly parameters: TrainingParameters;
  /** Settings of the evaluation run on the trained checkpoint after training. */
  readonly evaluation: EvaluateSettings;
  /** JSON file for the training report, or null. */
  readonly trainingReportPath: string | null;
}
