import type { OutputFormName } from './onnx-info.js';
import type { RawOutput } from './output.js';
import { toFloatScores } from './output-values.js';
import { detectScoreKind, isWithinUnitInterval } from './score-kind.js';
import type { OutputPlan } from './output-form.js';
import { preprocessImage, type PreprocessSpec } from './preprocess.js';
import { decodeWithThreshold } from './threshold.js';
import type { SegmenterInput, SegmenterOutput } from './types.js';
import type { UpsampleMode } from '../config/settings.js';

/** Settings a model segmenter fixed when it opened, the part the per-image steps read. */
export interface ImageRunSpec {
  readonly spec: PreprocessSpec;
  readonly plan: OutputPlan;
  readonly form: OutputFormName;
  readonly numClasses: number;
  readonly upsample: UpsampleMode;
  readonly threshold: number;
}

/**
 * Segments one image with any runtime: preprocesses it, runs `infer` on the input tensor data,
 * and decodes the raw output to class ids at label size. Times the two halves separately.
 */
export async function segmentImageWith(
  run: ImageRunSpec,
  image: SegmenterInput,
  infer: (data: Float32Array) => Promise<RawOutput>,
): Promise<SegmenterOutput> {
  const started = performance.now();
  const preprocessed = await preprocessImage(image.imagePath, run.spec);
  const preprocessedAt = performance.now();
  const raw = await infer(preprocessed.data);
  const inferredAt = performance.now();

  const request = {
    subject: image.id,
    numClasses: run.numClasses,
    upsample: run.upsample,
    labelSize: { width: image.labelWidth, height: image.labelHeight },
    inputSize: run.spec.inputSize,
    valid: preprocessed.valid,
    alwaysSigmoid: run.form === 'sigmoid',
  };
  const decoded = decodeWithThreshold(raw, run.plan, request, run.threshold);
  return {
    ...decoded,
    inferenceMs: inferredAt - preprocessedAt,
    preprocessMs: preprocessedAt - started,
  };
}

/** Preprocesses the first two images, the inputs of the batch-consistency check. */
export async function batchCheckInputs(
  spec: PreprocessSpec,
  images: readonly SegmenterInput[],
): Promise<Float32Array[]> {
  const inputs: Float32Array[] = [];
  for (const image of images.slice(0, 2)) {
    inputs.push((await preprocessImage(image.imagePath, spec)).data);
  }
  return inputs;
}

/**
 * Names the output form from the plan and the zero-input probe: per-class scores are
 * `probabilities` when they lie in [0, 1] and sum to 1 per pixel, else `logits`. A single channel
 * is `sigmoid` when the probe left [0, 1], and then every image gets the sigmoid.
 */
export function outputFormName(plan: OutputPlan, probe: RawOutput): OutputFormName {
  if (plan.form === 'class-ids') {
    return 'class-ids';
  }
  const data = toFloatScores(probe.data);
  if (plan.form === 'binary') {
    return isWithinUnitInterval(data) ? 'probabilities' : 'sigmoid';
  }
  const view = { data, channels: plan.channels, height: plan.height, width: plan.width };
  return detectScoreKind({ ...view, layout: plan.layout });
}
