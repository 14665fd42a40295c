import type { ContractFinding } from '../checks/types.js';
import type { Size, UpsampleMode } from '../config/settings.js';
import type { ClassIdMask } from '../decode/types.js';
import { argmaxScores } from './argmax.js';
import { resizeBilinearArgmax } from './bilinear.js';
import { outputFinding } from './findings.js';
import { formatShape } from './layout.js';
import { resizeNearest } from './nearest.js';
import type { OutputPlan } from './output-form.js';
import { readClassIds, scanValues, sigmoid, toFloatScores } from './output-values.js';
import type { NumericArray } from './output-values.js';
import { isWithinUnitInterval } from './score-kind.js';
import type { ScoreView } from './score-view.js';
import type { OutputStats } from './types.js';

/** The first output tensor of one model run, copied out of the runtime's types. */
export interface RawOutput {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: NumericArray;
}

/** Inputs of decoding one image's output, besides the output itself. */
export interface DecodeRequest {
  /** The image id, used as the subject of per-image findings. */
  readonly subject: string;
  readonly numClasses: number;
  readonly upsample: UpsampleMode;
  /** Size of the label, which the mask must match. */
  readonly labelSize: Size;
  /** Model input size in pixels. */
  readonly inputSize: Size;
  /** The part of the input covered by the image, top-left, in input pixels. */
  readonly valid: Size;
  /**
   * For a `binary` plan: apply the sigmoid to every image's output. When false, the sigmoid is
   * applied only to outputs with values outside [0, 1].
   */
  readonly alwaysSigmoid: boolean;
}

/** A decoded output: the mask at label size (null when it cannot be scored), findings, stats. */
export interface DecodedOutput {
  readonly mask: ClassIdMask | null;
  readonly findings: readonly ContractFinding[];
  readonly stats: OutputStats;
}

/**
 * Turns one raw output into a class-id mask at label size, following `plan`:
 * 1. counts non-finite values and the largest absolute value, and stops with an `output` finding
 *    when any value is NaN or infinite;
 * 2. with `upsample: 'logits'`, resizes the scores of the valid region bilinearly to label size
 *    and takes the argmax there. With `'classes'`, it takes the argmax at model resolution and
 *    resizes the valid region by nearest neighbour. Class-id outputs are always resized by
 *    nearest neighbour.
 *
 * The valid region is `request.valid` scaled from input pixels to output pixels, so a padded input
 * is cropped at any output stride.
 */
export function decodeOutput(
  raw: RawOutput,
  plan: OutputPlan,
  request: DecodeRequest,
): DecodedOutput {
  const scan = scanValues(raw.data);
  const stats: OutputStats = { nonFinite: scan.nonFinite, maxAbs: scan.maxAbs };

  if (!sameDims(raw.dims, plan.dims)) {
    const detail = `output shape ${formatShape(raw.dims)} differs from ${formatShape(plan.dims)}, the shape the decoding was planned for`;
    return unscored(stats, outputFinding(request.subject, detail));
  }
  if (scan.nonFinite > 0) {
    const detail = `${scan.nonFinite} of ${raw.data.length} output values are NaN or infinite`;
    return unscored(stats, outputFinding(request.subject, detail));
  }

  const decoded = decodeClassIds(raw, plan, request);
  if (decoded.kind === 'finding') {
    return unscored(stats, decoded.finding);
  }

  const mask = { ...request.labelSize, data: decoded.ids };
  const predictedHistogram = histogram(decoded.ids, request.numClasses);
  return { mask, findings: [], stats: { ...stats, predictedHistogram } };
}

/** Scales the valid input region to output pixels; the result may be fractional. */
export function outputExtent(plan: OutputPlan, inputSize: Size, valid: Size): Size {
  return {
    width: (valid.width * plan.width) / inputSize.width,
    height: (valid.height * plan.height) / inputSize.height,
  };
}

type ClassIdDecoding =
  | { readonly kind: 'ids'; readonly ids: Uint8Array }
  | { readonly kind: 'finding'; readonly finding: ContractFinding };

function decodeClassIds(raw: RawOutput, plan: OutputPlan, request: DecodeRequest): ClassIdDecoding {
  const extent = outputExtent(plan, request.inputSize, request.valid);
  const modelSize = { width: plan.width, height: plan.height };

  if (plan.form === 'class-ids') {
    const read = readClassIds(raw.data, request.numClasses);
    if (read.kind === 'out-of-range') {
      const detail = `class ids outside 0..${request.numClasses - 1} in the model output`;
      return { kind: 'finding', finding: outputFinding(request.subject, detail, read.values) };
    }
    return { kind: 'ids', ids: resizeNearest(read.ids, modelSize, extent, request.labelSize) };
  }

  const view = scoreView(raw, plan, request.alwaysSigmoid);
  if (request.upsample === 'logits') {
    return { kind: 'ids', ids: resizeBilinearArgmax(view, extent, request.labelSize) };
  }
  const ids = argmaxScores(view);
  return { kind: 'ids', ids: resizeNearest(ids, modelSize, extent, request.labelSize) };
}

function scoreView(raw: RawOutput, plan: OutputPlan, alwaysSigmoid: boolean): ScoreView {
  let data = toFloatScores(raw.data);
  if (plan.form === 'binary' && (alwaysSigmoid || !isWithinUnitInterval(data))) {
    data = sigmoid(data);
  }
  return {
    data,
    channels: plan.channels,
    height: plan.height,
    width: plan.width,
    layout: plan.layout,
  };
}

function histogram(ids: Uint8Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const id of ids) {
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

function unscored(stats: OutputStats, finding: ContractFinding): DecodedOutput {
  return { mask: null, findings: [finding], stats };
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
