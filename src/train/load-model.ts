import type { io } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { extname } from 'node:path';

import { InputError, UsageError, errorMessage } from '../errors.js';
import { registerCustomLayers } from '../segmenters/tfjs/custom-layers.js';
import { fileIOHandler, readModelJson } from '../segmenters/tfjs/file-io.js';
import {
  findUnknownLayerClasses,
  formatUnknownLayerClasses,
} from '../segmenters/tfjs/layer-scan.js';
import { decideJsonFormat, locateTfjsModel } from '../segmenters/tfjs/model-path.js';

/** A TensorFlow.js layers model loaded for training, with the JSON it came from. */
export interface TrainableModel {
  readonly model: tfl.LayersModel;
  readonly jsonPath: string;
  readonly modelJson: io.ModelJSON;
}

const INFERENCE_ONLY =
  'is inference-only: seg-gate train fine-tunes TensorFlow.js layers models (a model.json with ' +
  '"format": "layers-model", as written by model.save or tensorflowjs_converter from Keras)';

/**
 * Loads the checkpoint to fine-tune from the local file system. Only layers models can be
 * trained: ONNX files, graph models and SavedModels carry no trainable Keras layers, so they are
 * rejected with a UsageError, and so are layers models with layer classes TensorFlow.js does not
 * know. A malformed model.json or missing weights give an InputError.
 */
export async function loadTrainableModel(path: string): Promise<TrainableModel> {
  if (extname(path).toLowerCase() === '.onnx') {
    throw new UsageError(`Model ${path} is an ONNX model, which ${INFERENCE_ONLY}.`);
  }

  const location = locateTfjsModel(path);
  if (location.kind === 'saved-model') {
    throw new UsageError(
      `Model ${location.folder} is a TensorFlow SavedModel, which ${INFERENCE_ONLY}. Convert the ` +
        'Keras model with tensorflowjs_converter --input_format=keras instead.',
    );
  }

  const jsonPath = location.jsonPath;
  const modelJson = await readModelJson(jsonPath);
  const topology = modelJson.modelTopology as Record<string, unknown>;
  if (decideJsonFormat(jsonPath, modelJson.format, topology) === 'graph-model') {
    throw new UsageError(
      `Model ${jsonPath} is a TensorFlow.js graph model, which ${INFERENCE_ONLY}. Convert the ` +
        'Keras model with tensorflowjs_converter --input_format=keras instead.',
    );
  }

  registerCustomLayers();
  const unknown = findUnknownLayerClasses(topology);
  if (unknown.length > 0) {
    throw new UsageError(
      `Model ${jsonPath} uses layer classes TensorFlow.js does not know: ` +
        `${formatUnknownLayerClasses(unknown)}. Replace them with built-in layers before converting.`,
    );
  }

  return { model: await loadLayers(jsonPath), jsonPath, modelJson };
}

/**
 * Loads the layers model without its saved training config: training uses its own loss and
 * optimizer, and TensorFlow.js would otherwise compile the model with the saved ones, which fails
 * for Keras losses and optimizers it does not know.
 */
async function loadLayers(jsonPath: string): Promise<tfl.LayersModel> {
  const files = fileIOHandler(jsonPath);
  const handler: io.IOHandler = {
    load: async () => {
      const artifacts = await (files.load as () => Promise<io.ModelArtifacts>)();
      return { ...artifacts, trainingConfig: undefined };
    },
  };
  try {
    return await tfl.loadLayersModel(handler, { strict: true });
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      throw error;
    }
    throw new InputError(`Failed to load layers model ${jsonPath}: ${errorMessage(error)}`);
  }
}
