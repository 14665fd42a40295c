import * as tf from '@tensorflow/tfjs-core';
import type { ModelTensorInfo, NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import * as tfl from '@tensorflow/tfjs-layers';

import { scanDilatedLayers } from '../../train/dilated-layers.js';
import { installDilatedCalls } from '../../train/dilated-rewrite.js';
import { flattenLayers } from '../../train/layer-walk.js';
import type { ContractFinding } from '../../checks/types.js';
import { InputError, UsageError, errorMessage } from '../../errors.js';
import { outputFinding } from '../findings.js';
import { CUSTOM_LAYER_CLASSES, registerCustomLayers } from './custom-layers.js';
import { fileIOHandler, readModelJson } from './file-io.js';
import { findUnknownLayerClasses, formatUnknownLayerClasses } from './layer-scan.js';
import { decideJsonFormat, locateTfjsModel } from './model-path.js';
import type { TfjsModelFormat } from './model-path.js';
import { TFJS_NODE_INSTALL_HINT } from './tfjs-node.js';
import type { TfjsNodeModule, TfjsSavedModel } from './tfjs-node.js';

/** Name, declared shape (null for a dynamic dimension) and dtype of a model input or output. */
export interface TensorSpec {
  readonly name: string;
  /** Null when the model does not declare the shape. */
  readonly shape: readonly (number | null)[] | null;
  readonly dtype: string;
}

/** A TensorFlow.js model ready to run, whatever format it came from. */
export interface LoadedTfjsModel {
  readonly format: TfjsModelFormat;
  /** The file or folder that was loaded. */
  readonly path: string;
  readonly input: TensorSpec;
  /** Every output; `run` returns the first. */
  readonly outputs: readonly TensorSpec[];
  /**
   * Runs the model on `input` (batch first) and returns its first output. Intermediate tensors
   * are freed; the caller disposes `input` and the returned tensor.
   */
  run(input: Tensor): Promise<Tensor>;
  dispose(): void;
}

/** A loaded model, or the contract finding that keeps the model from loading. */
export type TfjsModelLoad =
  | { readonly kind: 'model'; readonly model: LoadedTfjsModel }
  | { readonly kind: 'finding'; readonly finding: ContractFinding };

export interface LoadTfjsModelOptions {
  /** The loaded tfjs-node module when the `tensorflow` backend is active; SavedModels need it. */
  readonly tfjsNode: TfjsNodeModule | null;
}

/**
 * Loads a TensorFlow.js layers model or graph model (`model.json` plus weight files, read from the
 * local file system by `fileIOHandler`, never over the network) or a TensorFlow SavedModel folder
 * (through tfjs-node's `loadSavedModel`).
 *
 * A layers model whose topology uses layer classes TensorFlow.js does not know (custom layers of a
 * converted Keras model, such as `Lambda`) is not loaded: the result is a `model`/`output`
 * finding naming the classes and layers. `BilinearUpsampling` and `BilinearUpSampling2D` are
 * provided and load.
 *
 * @throws InputError for a missing, malformed or inconsistent model (weight files included), and
 *   UsageError for a SavedModel when tfjs-node is not the active backend.
 */
export async function loadTfjsModel(
  path: string,
  options: LoadTfjsModelOptions,
): Promise<TfjsModelLoad> {
  const location = locateTfjsModel(path);
  if (location.kind === 'saved-model') {
    return { kind: 'model', model: await loadSavedModel(location.folder, options.tfjsNode) };
  }

  const modelJson = await readModelJson(location.jsonPath);
  const topology = modelJson.modelTopology as Record<string, unknown>;
  const format = decideJsonFormat(location.jsonPath, modelJson.format, topology);
  if (format === 'graph-model') {
    return { kind: 'model', model: await loadGraph(location.jsonPath) };
  }

  registerCustomLayers();
  const unknown = findUnknownLayerClasses(topology);
  if (unknown.length > 0) {
    const detail =
      `layer classes TensorFlow.js does not know: ${formatUnknownLayerClasses(unknown)}; ` +
      `custom Keras layers need a TensorFlow.js equivalent (seg-gate provides ` +
      `${CUSTOM_LAYER_CLASSES.join(', ')}), so replace them before converting or export a ` +
      'SavedModel and convert it to a graph model';
    return { kind: 'finding', finding: outputFinding(location.jsonPath, detail) };
  }
  return { kind: 'model', model: await loadLayers(location.jsonPath) };
}

/**
 * Makes dilated DepthwiseConv2D layers run dilated. The layer of tfjs-layers 4.22 passes no
 * dilation rate to the op, so without this TensorFlow.js computes another function than the Keras
 * model the checkpoint came from. Conv2D layers pass their dilation and need nothing.
 */
function applyDepthwiseDilation(model: tfl.LayersModel): void {
  const depthwise = scanDilatedLayers(flattenLayers(model)).rewritable.filter(
    (layer) => layer.className === 'DepthwiseConv2D',
  );
  if (depthwise.length > 0) {
    installDilatedCalls(depthwise, 'direct');
  }
}

async function loadLayers(jsonPath: string): Promise<LoadedTfjsModel> {
  const model = await withLoadErrors(jsonPath, 'layers model', () =>
    tfl.loadLayersModel(fileIOHandler(jsonPath), { strict: true }),
  );
  applyDepthwiseDilation(model);
  const specs = (tensors: readonly tfl.SymbolicTensor[], names: readonly string[]) =>
    tensors.map((tensor, index) => ({
      name: names[index] ?? tensor.name,
      shape: tensor.shape,
      dtype: tensor.dtype,
    }));
  const input = singleInput(jsonPath, specs(model.inputs, model.inputNames));

  return {
    format: 'layers-model',
    path: jsonPath,
    input,
    outputs: specs(model.outputs, model.outputNames),
    run: async (batch) =>
      tf.tidy(() => {
        const output = model.predict(batch);
        return Array.isArray(output) ? (output[0] as Tensor) : output;
      }),
    dispose: () => model.dispose(),
  };
}

async function loadGraph(jsonPath: string): Promise<LoadedTfjsModel> {
  const model = await withLoadErrors(jsonPath, 'graph model', () =>
    loadGraphModel(fileIOHandler(jsonPath)),
  );
  const input = singleInput(jsonPath, model.inputs.map(toSpec));
  const outputNode = model.outputNodes[0];
  if (outputNode === undefined) {
    throw new InputError(`Graph model ${jsonPath} declares no output node.`);
  }

  return {
    format: 'graph-model',
    path: jsonPath,
    input,
    outputs: model.outputs.map(toSpec),
    run: graphRunner(model, outputNode),
    dispose: () => model.dispose(),
  };
}

/**
 * Returns a function that runs a graph model with `execute`, which frees intermediates at once,
 * and switches to `executeAsync` for good when the graph has control flow or dynamic shapes
 * (`execute` then throws and names `executeAsync`).
 */
function graphRunner(model: GraphModel, outputNode: string): (input: Tensor) => Promise<Tensor> {
  let asynchronous = false;
  return async (input) => {
    if (!asynchronous) {
      try {
        return tf.tidy(() => model.execute(input, outputNode) as Tensor);
      } catch (error) {
        if (!errorMessage(error).includes('executeAsync')) {
          throw error;
        }
        asynchronous = true;
      }
    }
    return (await model.executeAsync(input, outputNode)) as Tensor;
  };
}

async function loadSavedModel(
  folder: string,
  tfjsNode: TfjsNodeModule | null,
): Promise<LoadedTfjsModel> {
  if (tfjsNode === null) {
    throw new UsageError(
      `${folder} is a TensorFlow SavedModel, which loads only on the tensorflow backend of ` +
        `@tensorflow/tfjs-node: ${TFJS_NODE_INSTALL_HINT}, then run without --backend or with ` +
        '--backend tensorflow. Or convert the SavedModel to a graph model with ' +
        'tensorflowjs_converter --input_format=tf_saved_model.',
    );
  }

  const model = await withLoadErrors(folder, 'SavedModel', () => tfjsNode.loadSavedModel(folder));
  const input = singleInput(folder, model.inputs.map(toSpec));
  return {
    format: 'saved-model',
    path: folder,
    input,
    outputs: model.outputs.map(toSpec),
    run: async (batch) => tf.tidy(() => firstSavedModelOutput(model, batch)),
    dispose: () => model.dispose(),
  };
}

function firstSavedModelOutput(model: TfjsSavedModel, input: Tensor): Tensor {
  const output = model.predict(input, {});
  if (output instanceof tf.Tensor) {
    return output;
  }
  if (Array.isArray(output)) {
    return output[0] as Tensor;
  }

  const named = output as NamedTensorMap;
  const first = model.outputs[0]?.name;
  const tensor = (first !== undefined ? named[first] : undefined) ?? Object.values(named)[0];
  if (tensor === undefined) {
    throw new Error('The SavedModel returned no output tensor.');
  }
  return tensor;
}

function toSpec(info: ModelTensorInfo): TensorSpec {
  if (!info.shape) {
    return { name: info.name, shape: null, dtype: info.dtype };
  }
  const shape = info.shape.map((size) => (size < 0 ? null : size));
  return { name: info.name, shape, dtype: info.dtype };
}

function singleInput(path: string, inputs: readonly TensorSpec[]): TensorSpec {
  const [input] = inputs;
  if (input === undefined || inputs.length > 1) {
    const names = inputs.map((spec) => spec.name).join(', ');
    throw new InputError(
      `Model ${path} has ${inputs.length} inputs (${names || 'none'}): seg-gate feeds one image ` +
        'tensor, so the model needs exactly one input.',
    );
  }
  return input;
}

async function withLoadErrors<T>(path: string, what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      throw error;
    }
    throw new InputError(`Failed to load ${what} ${path}: ${errorMessage(error)}`);
  }
}
