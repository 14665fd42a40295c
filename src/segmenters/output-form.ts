import type { ContractFinding } from '../checks/types.js';
import { channelsFinding, outputFinding } from './findings.js';
import { decideClassAxis, formatShape, layoutOfAxis } from './layout.js';
import type { TensorLayout } from './preprocess.js';

/**
 * Decoding rule of a model output:
 * - `scores`: one channel per class (logits or probabilities), decoded by argmax.
 * - `binary`: one float channel with `--num-classes 2`, the probability of class 1 (after sigmoid
 *   when the values are logits), thresholded at 0.5.
 * - `class-ids`: integer class ids, `[1,H,W]` or rank 4 with one channel.
 */
export type OutputForm = 'scores' | 'binary' | 'class-ids';

/** The decoding plan of one output tensor, made from its concrete shape. */
export interface OutputPlan {
  readonly form: OutputForm;
  /** The concrete output shape that every image's output must have. */
  readonly dims: readonly number[];
  /** Position of the channel axis. A single channel has the same memory order in both. */
  readonly layout: TensorLayout;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/** A plan, or the model-wide finding that keeps the output from being decoded. */
export type OutputDecision =
  | { readonly kind: 'plan'; readonly plan: OutputPlan }
  | { readonly kind: 'finding'; readonly finding: ContractFinding };

const FLOAT_TYPES = new Set(['float32', 'float64']);
const INTEGER_TYPES = new Set([
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
]);

/**
 * Plans how to decode an output of element `type` and concrete shape `dims` into `numClasses`
 * class ids. The class axis follows the input `layout` (see `decideClassAxis`). Returns a finding
 * for the model at `subject` when the type, rank, batch or channel count rules out decoding.
 * Example: float32 `[1,257,257,21]`, NHWC, 21 classes plans `scores` with 21 channels.
 */
export function planOutput(
  subject: string,
  type: string,
  dims: readonly number[],
  layout: TensorLayout,
  numClasses: number,
): OutputDecision {
  const shape = formatShape(dims);
  const isFloat = FLOAT_TYPES.has(type);
  if (!isFloat && !INTEGER_TYPES.has(type)) {
    return rejectOutput(
      subject,
      `output ${shape} has element type ${type}: expected float32 or float64 scores, or integer class ids`,
    );
  }
  if ((dims.length === 3 || dims.length === 4) && dims[0] !== 1) {
    return rejectOutput(subject, `output ${shape} has batch ${dims[0]}: expected batch 1`);
  }

  if (dims.length === 3) {
    return planRank3(subject, type, dims, isFloat);
  }
  if (dims.length === 4) {
    return planRank4(subject, dims, layout, numClasses, isFloat);
  }
  return rejectOutput(
    subject,
    `output ${shape} has rank ${dims.length}: expected [1,H,W,C], [1,C,H,W] or [1,H,W] class ids`,
  );
}

function planRank3(
  subject: string,
  type: string,
  dims: readonly number[],
  isFloat: boolean,
): OutputDecision {
  if (isFloat) {
    return rejectOutput(
      subject,
      `output ${formatShape(dims)} of type ${type} has no channel axis: a rank-3 output must hold integer class ids`,
    );
  }
  const [, height, width] = dims as [number, number, number];
  return plan({ form: 'class-ids', dims, layout: 'nhwc', channels: 1, height, width });
}

function planRank4(
  subject: string,
  dims: readonly number[],
  layout: TensorLayout,
  numClasses: number,
  isFloat: boolean,
): OutputDecision {
  const axis = decideClassAxis(dims, layout, numClasses);
  const channels = dims[axis] as number;
  const height = dims[axis === 3 ? 1 : 2] as number;
  const width = dims[axis === 3 ? 2 : 3] as number;
  const base = { dims, layout: layoutOfAxis(axis), channels, height, width };

  if (channels === 1 && !isFloat) {
    return plan({ ...base, form: 'class-ids' });
  }
  if (channels === 1 && numClasses === 2) {
    return plan({ ...base, form: 'binary' });
  }
  if (channels === numClasses) {
    return plan({ ...base, form: 'scores' });
  }
  return {
    kind: 'finding',
    finding: channelsFinding(subject, formatShape(dims), channels, numClasses),
  };
}

function plan(value: OutputPlan): OutputDecision {
  return { kind: 'plan', plan: value };
}

function rejectOutput(subject: string, detail: string): OutputDecision {
  return { kind: 'finding', finding: outputFinding(subject, detail) };
}
