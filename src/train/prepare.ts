import type { CheckRecord } from '../checks/types.js';
import { resolveDataset } from '../dataset/resolve.js';
import type { Logger } from '../pipeline/logger.js';
import { missingNormalizeError } from '../segmenters/normalize.js';
import type { BackendSelection } from '../segmenters/tfjs/backend.js';
import { scanDilatedLayers, type DilatedScan } from './dilated-layers.js';
import { findFinalSoftmax, type FinalSoftmax } from './final-softmax.js';
import { flattenLayers } from './layer-walk.js';
import type { TrainableModel } from './load-model.js';
import { resolveLoss, type ResolvedLoss } from './loss-choice.js';
import { modelGeometry, type ModelGeometry } from './model-geometry.js';
import {
  finalSoftmaxCheck,
  labelShapeCheck,
  labelsCheck,
  outputCheck,
  savedLossCheck,
} from './preflight.js';
import { dilatedRewriteCheck, verifyDilatedRewrite } from './rewrite-check.js';
import { readSavedLoss, type SavedLoss } from './saved-loss.js';
import type { TrainSettings } from './settings.js';
import { loadTrainingData, type TrainingData } from './training-data.js';

/** Everything known about a run before its first step. */
export interface TrainingSession {
  readonly settings: TrainSettings;
  readonly backend: BackendSelection;
  readonly loaded: TrainableModel;
  readonly geometry: ModelGeometry;
  readonly savedLoss: SavedLoss | null;
  readonly loss: ResolvedLoss;
  readonly softmax: FinalSoftmax;
  readonly dilated: DilatedScan;
  /** Null when the output shape check failed and no data was loaded. */
  readonly data: TrainingData | null;
}

/** Reads the model's facts and the training data that the contract checks need. */
export async function prepareSession(
  settings: TrainSettings,
  backend: BackendSelection,
  loaded: TrainableModel,
  logger: Logger,
): Promise<TrainingSession> {
  const { parameters, evaluation } = settings;
  const geometry = modelGeometry(
    loaded.model,
    loaded.jsonPath,
    evaluation.input.inputSize,
    parameters.batchSize,
  );
  const savedLoss = readSavedLoss(loaded.modelJson);
  const session = {
    settings,
    backend,
    loaded,
    geometry,
    savedLoss,
    loss: resolveLoss(parameters.loss, savedLoss),
    softmax: findFinalSoftmax(loaded.model),
    dilated: scanDilatedLayers(flattenLayers(loaded.model)),
  };

  if (outputCheck(geometry.outputShape, evaluation.numClasses).status === 'fail') {
    return { ...session, data: null };
  }
  return { ...session, data: await loadData(settings, geometry, logger) };
}

async function loadData(settings: TrainSettings, geometry: ModelGeometry, logger: Logger) {
  const { evaluation } = settings;
  const dataset = await resolveDataset(settings.data, {
    limit: evaluation.limit,
    skipMissing: evaluation.skipMissing,
    onWarning: (message) => logger.warn(message),
  });

  const normalize = evaluation.input.normalize;
  if (normalize === null) {
    throw missingNormalizeError(settings.initialModel);
  }
  const [, height, width] = geometry.outputShape;
  logger.info(`training data: ${dataset.samples.length} images`);
  return loadTrainingData(dataset.samples, {
    preprocess: {
      inputSize: geometry.inputSize,
      layout: 'nhwc',
      normalize,
      channelOrder: evaluation.input.channelOrder,
      resize: evaluation.input.resize,
      maxPixels: evaluation.maxPixels,
    },
    outputSize: { width: width ?? 0, height: height ?? 0 },
    numClasses: evaluation.numClasses,
    ignoreIndex: evaluation.ignoreIndex,
    labelMap: evaluation.labelMap,
  });
}

/**
 * Runs the contract checks: output shape, labels, label shape against the loss, the saved loss,
 * the final softmax and the dilated-layer rewrite (with its verification on random input).
 */
export function preflightChecks(session: TrainingSession): CheckRecord[] {
  const { settings, geometry, loss, savedLoss } = session;
  const { parameters, evaluation } = settings;
  const output = outputCheck(geometry.outputShape, evaluation.numClasses);
  if (session.data === null) {
    return [output];
  }

  const labelShape =
    parameters.labelEncoding === 'sparse'
      ? geometry.outputShape.slice(0, 3)
      : [...geometry.outputShape.slice(0, 3), evaluation.numClasses];
  const data = session.data;
  return [
    output,
    labelsCheck(data.problems, data.examples.length, evaluation.numClasses, evaluation.ignoreIndex),
    labelShapeCheck(labelShape, geometry.outputShape, parameters.labelEncoding, loss, savedLoss),
    savedLossCheck(savedLoss, parameters.labelEncoding, loss, evaluation.numClasses),
    finalSoftmaxCheck(session.softmax, parameters.finalSoftmax),
    rewriteCheck(session),
  ];
}

function rewriteCheck(session: TrainingSession): CheckRecord {
  const { dilated, geometry, loaded, settings } = session;
  if (dilated.rejected.length > 0 || dilated.rewritable.length === 0) {
    return dilatedRewriteCheck(dilated, null);
  }
  const inputShape = [1, geometry.inputSize.height, geometry.inputSize.width, 3];
  const verification = verifyDilatedRewrite(
    loaded.model,
    dilated.rewritable,
    inputShape,
    settings.parameters.seed,
  );
  return dilatedRewriteCheck(dilated, verification);
}
