import type { InferenceSession } from 'onnxruntime-node';

import type { ModelInputSettings, NormalizeMode } from '../config/settings.js';
import { InputError } from '../errors.js';
import { layoutFinding } from './findings.js';
import { decideInputLayout, formatShape } from './layout.js';
import { missingNormalizeError } from './normalize.js';
import { checkImageInput, inputDims, resolveInputSize } from './onnx-input.js';
import { describeDecoding } from './onnx-info.js';
import type { OutputFormName } from './onnx-info.js';
import { createOnnxSession, declaredTensors, runModel } from './onnx-session.js';
import type { DeclaredTensor } from './onnx-session.js';
import { planOutput } from './output-form.js';
import type { OutputPlan } from './output-form.js';
import type { PreprocessSpec } from './preprocess.js';
import {
  batchCheckInputs,
  outputFormName,
  segmentImageWith,
  type ImageRunSpec,
} from './segment-image.js';
import type { Segmenter, SegmenterInfo, SegmenterInput, SegmenterOutput } from './types.js';
import { unscorableSegmenter } from './unscorable.js';
import { checkBatchConsistency, type BatchRunner } from './batch-consistency.js';
import { validateThreshold } from './threshold.js';
import type { CheckRecord } from '../checks/types.js';

/** Settings for opening an ONNX model. */
export interface OnnxSegmenterSettings {
  readonly modelPath: string;
  readonly numClasses: number;
  readonly input: ModelInputSettings;
  /** Largest `width * height` accepted from an image header. */
  readonly maxPixels: number;
  /** Probability above which a single-channel output is class 1, in (0, 1). */
  readonly threshold: number;
}

type Details = Record<string, string | number | boolean | null | readonly number[]>;

/**
 * Opens an ONNX model as a segmenter with ONNX Runtime. Opening loads the model on the provider
 * of `input.device` with `input.threads` intra-op threads and decides the input layout and size.
 * It then runs the model once on a zero input. That run gives the concrete output shape, symbolic
 * dimensions included, and shows whether the output contains logits or probabilities.
 *
 * An ambiguous input layout or an output whose channels do not match `numClasses` gives a segmenter
 * with that finding in `openFindings` that returns no masks. Throws a UsageError when
 * `input.normalize` is null, when a symbolic input size has no `--input-size`, or when CUDA is
 * requested but unavailable, and an InputError when the model cannot be loaded or run.
 */
export async function openOnnxSegmenter(settings: OnnxSegmenterSettings): Promise<Segmenter> {
  const normalize = settings.input.normalize;
  if (normalize === null) {
    throw missingNormalizeError(settings.modelPath);
  }

  validateThreshold(settings.threshold);

  const session = await createOnnxSession(settings.modelPath, settings.input);
  try {
    return await buildSegmenter(session, settings, normalize);
  } catch (error) {
    await session.release();
    throw error;
  }
}

async function buildSegmenter(
  session: InferenceSession,
  settings: OnnxSegmenterSettings,
  normalize: NormalizeMode,
): Promise<Segmenter> {
  const { modelPath, input: options } = settings;
  const release = () => session.release();
  const input = singleInput(session, modelPath);
  const output = firstOutput(session, modelPath);
  const details = baseDetails(input, output, settings);

  const decision = decideInputLayout(input.shape, options.layout);
  if (decision.kind === 'ambiguous') {
    const info = onnxInfo(modelPath, details, `not decodable: ${decision.reason}`);
    return unscorableSegmenter(info, [layoutFinding(modelPath, decision.reason)], release);
  }

  const layout = decision.layout;
  checkImageInput(input, layout, modelPath);
  const inputSize = resolveInputSize(input.shape, layout, options.inputSize, modelPath);
  const dims = inputDims(layout, inputSize);
  Object.assign(details, {
    layout: layout.toUpperCase(),
    layoutSource: decision.source === 'option' ? '--layout' : 'auto',
    inputSize: `${inputSize.width}x${inputSize.height}`,
  });

  const tensors = { input: input.name, output: output.name };
  const probe = await runModel(session, modelPath, tensors, new Float32Array(product(dims)), dims);
  const planned = planOutput(modelPath, probe.type, probe.dims, layout, settings.numClasses);
  details.outputDims = probe.dims;
  if (planned.kind === 'finding') {
    const info = onnxInfo(modelPath, details, `not decodable: ${planned.finding.detail}`);
    return unscorableSegmenter(info, [planned.finding], release);
  }

  const plan = planned.plan;
  const form = outputFormName(plan, probe);
  Object.assign(details, { outputLayout: plan.layout.toUpperCase(), outputForm: form });
  const decoding = describeDecoding(plan, probe.type, form, options.resize, options.upsample);

  const spec: PreprocessSpec = {
    inputSize,
    layout,
    normalize,
    channelOrder: options.channelOrder,
    resize: options.resize,
    maxPixels: settings.maxPixels,
  };
  const run: ModelRun = { session, modelPath, tensors, dims, spec, plan, form, settings };
  const batchDim = input.shape[0];
  return {
    info: onnxInfo(modelPath, details, decoding),
    openFindings: [],
    segment: (image) => segmentImage(run, image),
    checkBatchConsistency: (images) =>
      checkImages(run, typeof batchDim === 'number' ? batchDim : null, images),
    dispose: release,
  };
}

/** Everything one image's segmentation needs, fixed when the model was opened. */
interface ModelRun {
  readonly session: InferenceSession;
  readonly modelPath: string;
  readonly tensors: { readonly input: string; readonly output: string };
  readonly dims: readonly number[];
  readonly spec: PreprocessSpec;
  readonly plan: OutputPlan;
  readonly form: OutputFormName;
  readonly settings: OnnxSegmenterSettings;
}

function segmentImage(run: ModelRun, image: SegmenterInput): Promise<SegmenterOutput> {
  return segmentImageWith(imageRunSpec(run), image, (data) =>
    runModel(run.session, run.modelPath, run.tensors, data, run.dims),
  );
}

function imageRunSpec(run: ModelRun): ImageRunSpec {
  return {
    spec: run.spec,
    plan: run.plan,
    form: run.form,
    numClasses: run.settings.numClasses,
    upsample: run.settings.input.upsample,
    threshold: run.settings.threshold,
  };
}

/** Runs the batch-consistency check on the first two images. */
async function checkImages(
  run: ModelRun,
  batchDim: number | null,
  images: readonly SegmenterInput[],
): Promise<CheckRecord> {
  const inputs = await batchCheckInputs(run.spec, images);
  return checkBatchConsistency(onnxBatchRunner(run, batchDim), inputs);
}

/**
 * Runs a batch by concatenating the items along the first (batch) dimension, which leads in both
 * NHWC and NCHW, and splits the output the same way.
 */
function onnxBatchRunner(run: ModelRun, batchDim: number | null): BatchRunner<Float32Array> {
  return {
    subject: run.modelPath,
    batchDim,
    run: async (batch) => {
      const itemLength = product(run.dims);
      const data = new Float32Array(itemLength * batch.length);
      batch.forEach((item, index) => data.set(item, index * itemLength));
      const dims = [batch.length, ...run.dims.slice(1)];

      const raw = await runModel(run.session, run.modelPath, run.tensors, data, dims);
      const outputLength = raw.data.length / batch.length;
      return batch.map((_, index) =>
        Array.prototype.slice.call(raw.data, index * outputLength, (index + 1) * outputLength),
      );
    },
  };
}

function singleInput(session: InferenceSession, modelPath: string): DeclaredTensor {
  const inputs = declaredTensors(session, 'input', modelPath);
  const [input] = inputs;
  if (input === undefined || inputs.length > 1) {
    const names = inputs.map((tensor) => `"${tensor.name}" ${formatShape(tensor.shape)}`);
    throw new InputError(
      `Model ${modelPath} has ${inputs.length} inputs (${names.join(', ') || 'none'}): ` +
        'seg-gate feeds one image tensor, so the model must have exactly one input.',
    );
  }
  return input;
}

function firstOutput(session: InferenceSession, modelPath: string): DeclaredTensor {
  const [output] = declaredTensors(session, 'output', modelPath);
  if (output === undefined) {
    throw new InputError(`Model ${modelPath} declares no outputs.`);
  }
  return output;
}

function baseDetails(
  input: DeclaredTensor,
  output: DeclaredTensor,
  settings: OnnxSegmenterSettings,
): Details {
  return {
    inputName: input.name,
    inputShape: formatShape(input.shape),
    inputType: input.type,
    outputName: output.name,
    outputShape: formatShape(output.shape),
    outputType: output.type,
    provider: settings.input.device,
    threads: settings.input.threads,
    normalize: settings.input.normalize,
    channelOrder: settings.input.channelOrder,
    resize: settings.input.resize,
    upsample: settings.input.upsample,
  };
}

function onnxInfo(path: string, details: Details, decoding: string): SegmenterInfo {
  return { kind: 'onnx', path, details, decoding };
}

function product(dims: readonly number[]): number {
  return dims.reduce((total, dim) => total * dim, 1);
}
