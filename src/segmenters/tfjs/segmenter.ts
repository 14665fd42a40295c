import type { CheckRecord } from '../../checks/types.js';
import type { ModelInputSettings, NormalizeMode } from '../../config/settings.js';
import type { Logger } from '../../pipeline/logger.js';
import { BATCH_CONSISTENCY_CHECK_ID, checkBatchConsistency } from '../batch-consistency.js';
import { layoutFinding } from '../findings.js';
import { decideInputLayout, formatShape } from '../layout.js';
import type { Dim } from '../layout.js';
import { missingNormalizeError } from '../normalize.js';
import { checkImageInput, inputDims, resolveInputSize } from '../onnx-input.js';
import { describeDecoding } from '../onnx-info.js';
import type { OutputFormName } from '../onnx-info.js';
import { planOutput } from '../output-form.js';
import type { OutputPlan } from '../output-form.js';
import type { PreprocessSpec } from '../preprocess.js';
import { BINARY_THRESHOLD } from '../score-view.js';
import {
  batchCheckInputs,
  outputFormName,
  segmentImageWith,
  type ImageRunSpec,
} from '../segment-image.js';
import type { Segmenter, SegmenterInfo, SegmenterInput, SegmenterOutput } from '../types.js';
import { unscorableSegmenter } from '../unscorable.js';
import { selectBackend } from './backend.js';
import type { BackendCandidate, BackendSelection, TfjsBackendName } from './backend.js';
import { loadTfjsModel } from './load.js';
import type { LoadedTfjsModel, TensorSpec } from './load.js';
import { runTfjsModel, tfjsBatchRunner } from './run.js';
import { validateThreshold } from '../threshold.js';

/** Settings for opening a TensorFlow.js model. */
export interface TfjsSegmenterSettings {
  /** A `model.json`, a folder holding one, or a TensorFlow SavedModel folder. */
  readonly modelPath: string;
  readonly numClasses: number;
  readonly input: ModelInputSettings;
  /** Largest `width * height` accepted from an image header. */
  readonly maxPixels: number;
  /** `--backend`; null tries `tensorflow`, `wasm` and `cpu` in that order. */
  readonly backend: TfjsBackendName | null;
  /**
   * `--threshold`: a single-channel output with `numClasses` 2 is class 1 where its probability
   * exceeds this value, in (0, 1). Default 0.5.
   */
  readonly threshold: number;
}

/** Side effects of opening: where log lines go, and (in tests) the backends to try. */
export interface TfjsSegmenterDeps {
  readonly logger: Logger;
  readonly backendCandidates?: readonly BackendCandidate[];
}

/** A TensorFlow.js segmenter, which can also check that batching leaves outputs unchanged. */
export interface TfjsSegmenter extends Segmenter {
  /**
   * Runs the `contract.model.batch-consistency` check on the first two images (see
   * `checkBatchConsistency`). Returns `skip` when the model was not decodable.
   */
  checkBatchConsistency(images: readonly SegmenterInput[]): Promise<CheckRecord>;
}

type Details = Record<string, string | number | boolean | null | readonly number[]>;

/**
 * Opens a TensorFlow.js model (layers model, graph model, or SavedModel through tfjs-node) as a
 * segmenter. Opening selects the backend (`selectBackend`) and loads the model from the local
 * file system. It decides the input layout and size as the ONNX segmenter does. It then runs the
 * model once on a zero input to learn the concrete output shape and whether it contains logits
 * or probabilities. Images are preprocessed and outputs decoded by the same code as ONNX models.
 *
 * An ambiguous input layout, an output whose channels do not match `numClasses`, or layer classes
 * TensorFlow.js does not know give a segmenter with that finding in `openFindings` that returns
 * no masks. Throws a UsageError when `input.normalize` is null, the threshold is outside (0, 1),
 * a symbolic input size has no `--input-size` or no backend works, and an InputError when the
 * model cannot be loaded or run.
 */
export async function openTfjsSegmenter(
  settings: TfjsSegmenterSettings,
  deps: TfjsSegmenterDeps,
): Promise<TfjsSegmenter> {
  const normalize = settings.input.normalize;
  if (normalize === null) {
    throw missingNormalizeError(settings.modelPath);
  }
  validateThreshold(settings.threshold);

  const backend = await selectBackend({
    requested: settings.backend,
    logger: deps.logger,
    candidates: deps.backendCandidates,
  });
  warnAboutDevice(settings.input, backend, deps.logger);

  const tfjsNode = backend.name === 'tensorflow' ? backend.tfjsNode : null;
  const loaded = await loadTfjsModel(settings.modelPath, { tfjsNode });
  const details: Details = { backend: backend.name, backendSource: backend.source };
  if (loaded.kind === 'finding') {
    details.format = 'layers-model';
    const info = tfjsInfo(settings.modelPath, details, `not loadable: ${loaded.finding.detail}`);
    return withoutBatchCheck(unscorableSegmenter(info, [loaded.finding], async () => {}));
  }

  const model = loaded.model;
  deps.logger.debug(
    `loaded TensorFlow.js ${model.format} ${model.path}: input ${describeSpec(model.input)}, ` +
      `outputs ${model.outputs.map(describeSpec).join(', ')}`,
  );
  try {
    return await buildSegmenter(model, settings, normalize, details);
  } catch (error) {
    model.dispose();
    throw error;
  }
}

async function buildSegmenter(
  model: LoadedTfjsModel,
  settings: TfjsSegmenterSettings,
  normalize: NormalizeMode,
  details: Details,
): Promise<TfjsSegmenter> {
  const { modelPath, input: options } = settings;
  const release = async () => model.dispose();
  const input = declaredInput(model.input);
  const output = model.outputs[0];
  Object.assign(details, {
    format: model.format,
    inputName: input.name,
    inputShape: formatShape(input.shape),
    inputType: input.type,
    outputName: output?.name ?? null,
    outputShape: output?.shape ? formatShape(output.shape.map(dimOf)) : null,
    threads: null,
    normalize: options.normalize,
    channelOrder: options.channelOrder,
    resize: options.resize,
    upsample: options.upsample,
    threshold: settings.threshold,
  });

  const decision = decideInputLayout(input.shape, options.layout);
  if (decision.kind === 'ambiguous') {
    const info = tfjsInfo(modelPath, details, `not decodable: ${decision.reason}`);
    const finding = layoutFinding(modelPath, decision.reason);
    return withoutBatchCheck(unscorableSegmenter(info, [finding], release));
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

  const probe = await runTfjsModel(model, new Float32Array(product(dims)), dims);
  const planned = planOutput(modelPath, probe.type, probe.dims, layout, settings.numClasses);
  details.outputDims = probe.dims;
  if (planned.kind === 'finding') {
    const info = tfjsInfo(modelPath, details, `not decodable: ${planned.finding.detail}`);
    return withoutBatchCheck(unscorableSegmenter(info, [planned.finding], release));
  }

  const plan = planned.plan;
  const form = outputFormName(plan, probe);
  Object.assign(details, { outputLayout: plan.layout.toUpperCase(), outputForm: form });
  const decoding = describeThreshold(
    describeDecoding(plan, probe.type, form, options.resize, options.upsample),
    plan,
    settings.threshold,
  );

  const spec: PreprocessSpec = {
    inputSize,
    layout,
    normalize,
    channelOrder: options.channelOrder,
    resize: options.resize,
    maxPixels: settings.maxPixels,
  };
  const run: ModelRun = { model, dims, spec, plan, form, settings };
  return {
    info: tfjsInfo(modelPath, details, decoding),
    openFindings: [],
    segment: (image) => segmentImage(run, image),
    checkBatchConsistency: (images) => checkImages(run, images),
    dispose: release,
  };
}

/** Everything one image's segmentation needs, fixed when the model was opened. */
interface ModelRun {
  readonly model: LoadedTfjsModel;
  readonly dims: readonly number[];
  readonly spec: PreprocessSpec;
  readonly plan: OutputPlan;
  readonly form: OutputFormName;
  readonly settings: TfjsSegmenterSettings;
}

function segmentImage(run: ModelRun, image: SegmenterInput): Promise<SegmenterOutput> {
  return segmentImageWith(imageRunSpec(run), image, (data) =>
    runTfjsModel(run.model, data, run.dims),
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

async function checkImages(run: ModelRun, images: readonly SegmenterInput[]): Promise<CheckRecord> {
  const inputs = await batchCheckInputs(run.spec, images);
  return checkBatchConsistency(tfjsBatchRunner(run.model, run.dims), inputs);
}

/** Replaces the decoder's fixed threshold in the decoding description with `--threshold`. */
function describeThreshold(decoding: string, plan: OutputPlan, threshold: number): string {
  if (plan.form !== 'binary') {
    return decoding;
  }
  return decoding.replace(`threshold ${BINARY_THRESHOLD}`, `threshold ${threshold}`);
}

/** Converts the model input to the form the shared input checks take, with `?` for dynamic sizes. */
function declaredInput(spec: TensorSpec): { name: string; type: string; shape: Dim[] } {
  const shape = spec.shape ? spec.shape.map(dimOf) : ['?', '?', '?', '?'];
  return { name: spec.name, type: spec.dtype, shape };
}

function dimOf(size: number | null): Dim {
  return size === null ? '?' : size;
}

function describeSpec(spec: TensorSpec): string {
  const shape = spec.shape ? formatShape(spec.shape.map(dimOf)) : '(shape not declared)';
  return `${spec.name} ${spec.dtype} ${shape}`;
}

function warnAboutDevice(input: ModelInputSettings, backend: BackendSelection, logger: Logger) {
  if (input.device === 'cuda' && backend.source !== '@tensorflow/tfjs-node-gpu') {
    logger.warn(
      `--device cuda has no effect on the TensorFlow.js ${backend.name} backend; CUDA needs ` +
        '@tensorflow/tfjs-node-gpu, which runs as the tensorflow backend.',
    );
  }
  if (input.threads !== null) {
    logger.debug('--threads applies to ONNX Runtime only; TensorFlow.js backends ignore it.');
  }
}

function withoutBatchCheck(segmenter: Segmenter): TfjsSegmenter {
  return {
    ...segmenter,
    checkBatchConsistency: async () => ({
      id: BATCH_CONSISTENCY_CHECK_ID,
      status: 'skip',
      message: 'The model output could not be decoded, so batch consistency was not checked.',
    }),
  };
}

function tfjsInfo(path: string, details: Details, decoding: string): SegmenterInfo {
  return { kind: 'tfjs', path, details, decoding };
}

function product(dims: readonly number[]): number {
  return dims.reduce((total, dim) => total * dim, 1);
}
