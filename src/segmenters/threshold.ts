import { invalidOption } from '../errors.js';
import { decodeOutput } from './output.js';
import type { DecodeRequest, DecodedOutput, RawOutput } from './output.js';
import type { OutputPlan } from './output-form.js';
import { scanValues, sigmoid, toFloatScores } from './output-values.js';
import { isWithinUnitInterval } from './score-kind.js';
import { BINARY_THRESHOLD } from './score-view.js';

/** Default of `--threshold`: the class-1 probability above which a single channel is class 1. */
export const DEFAULT_BINARY_THRESHOLD = BINARY_THRESHOLD;

/**
 * Checks a `--threshold` value: a probability strictly between 0 and 1.
 * @throws UsageError (via `invalidOption`) otherwise.
 */
export function validateThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold < 1)) {
    throw invalidOption('--threshold', 'a probability between 0 and 1, exclusive', threshold);
  }
}

/**
 * Decodes one output like `decodeOutput`, but a single-channel (`binary`) output is class 1 where
 * its probability exceeds `threshold` instead of the decoder's fixed 0.5.
 *
 * The probabilities (after the sigmoid, when `request.alwaysSigmoid` is set or values leave
 * [0, 1]) go through the affine map of `mapThresholdToHalf` before the shared decoder runs. The
 * map keeps them in [0, 1], so the decoder applies no second sigmoid, and it commutes with
 * bilinear resizing because bilinear weights sum to 1. The stats still describe the raw output.
 *
 * NOTE: this replaces a `threshold` field that `DecodeRequest` lacks. Once the shared decoder
 * takes one, this function reduces to a call of `decodeOutput`.
 */
export function decodeWithThreshold(
  raw: RawOutput,
  plan: OutputPlan,
  request: DecodeRequest,
  threshold: number,
): DecodedOutput {
  if (plan.form !== 'binary' || threshold === BINARY_THRESHOLD) {
    return decodeOutput(raw, plan, request);
  }

  const scan = scanValues(raw.data);
  if (scan.nonFinite > 0) {
    return decodeOutput(raw, plan, request);
  }

  const scores = toFloatScores(raw.data);
  const probabilities =
    request.alwaysSigmoid || !isWithinUnitInterval(scores) ? sigmoid(scores) : scores;
  const mapped = mapThresholdToHalf(probabilities, threshold);
  const decoded = decodeOutput({ ...raw, type: 'float64', data: mapped }, plan, {
    ...request,
    alwaysSigmoid: false,
  });
  return {
    ...decoded,
    stats: { ...decoded.stats, nonFinite: scan.nonFinite, maxAbs: scan.maxAbs },
  };
}

/**
 * Maps probabilities in [0, 1] affinely into [0, 1] so that `threshold` lands on 0.5: values above
 * `threshold` end above 0.5 and the others at or below it. For `threshold >= 0.5` the map is
 * `p * 0.5 / threshold`, else `1 - (1 - p) * 0.5 / (1 - threshold)`. Returns a new float64 array, so that float32 inputs are
 * not rounded onto the 0.5 boundary.
 * Example: with threshold 0.8, probability 0.8 becomes 0.5 and 1 becomes 0.625.
 */
export function mapThresholdToHalf(
  probabilities: ArrayLike<number>,
  threshold: number,
): Float64Array {
  if (threshold >= BINARY_THRESHOLD) {
    const scale = BINARY_THRESHOLD / threshold;
    return Float64Array.from(probabilities, (p) => p * scale);
  }
  const scale = (1 - BINARY_THRESHOLD) / (1 - threshold);
  return Float64Array.from(probabilities, (p) => 1 - (1 - p) * scale);
}
