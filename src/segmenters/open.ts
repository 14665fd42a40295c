import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, extname } from 'node:path';

import type { EvaluateSettings } from '../config/settings.js';
import { InputError, UsageError } from '../errors.js';
import { missingNormalizeError } from './normalize.js';
import { openOnnxSegmenter } from './onnx.js';
import { openPredictionSegmenter } from './predictions.js';
import type { Segmenter } from './types.js';
import { silentLogger, type Logger } from '../pipeline/logger.js';

/** The model formats a path can name, by how the path looks. */
export type ModelFormat = 'onnx' | 'tfjs' | 'unknown';

/**
 * Opens the segmenter that the settings name: the prediction folder of `--predictions`, or the
 * model of `--model` by its format: ONNX Runtime for an `.onnx` file, TensorFlow.js for a
 * `model.json`, a folder holding one, or a SavedModel. Throws a UsageError for an unknown format or
 * a model run without `--normalize`, and an InputError when the model path does not exist.
 */
export async function openSegmenter(
  settings: EvaluateSettings,
  logger: Logger = silentLogger,
): Promise<Segmenter> {
  if (settings.predictions !== null) {
    return openPredictionSegmenter(settings.predictions, {
      numClasses: settings.numClasses,
      ignoreIndex: settings.ignoreIndex,
      maxPixels: settings.maxPixels,
    });
  }

  const modelPath = settings.model;
  if (modelPath === null) {
    throw new UsageError('Neither --model nor --predictions is set: pass one of them.');
  }

  const format = modelFormat(modelPath, await statModel(modelPath));
  if (format === 'unknown') {
    throw new UsageError(
      `Unsupported model format for ${modelPath} (extension "${extname(modelPath)}"): expected ` +
        'an ONNX model (.onnx file), or a TensorFlow.js model (model.json or its folder).',
    );
  }
  if (settings.input.normalize === null) {
    throw missingNormalizeError(modelPath);
  }

  if (format === 'tfjs') {
    // Loaded on demand: TensorFlow.js takes about half a second to import.
    const { openTfjsSegmenter } = await import('./tfjs/segmenter.js');
    return openTfjsSegmenter(
      {
        modelPath,
        numClasses: settings.numClasses,
        input: settings.input,
        maxPixels: settings.maxPixels,
        backend: settings.input.backend,
        threshold: settings.input.threshold,
      },
      { logger },
    );
  }

  return openOnnxSegmenter({
    modelPath,
    numClasses: settings.numClasses,
    input: settings.input,
    maxPixels: settings.maxPixels,
    threshold: settings.input.threshold,
  });
}

/**
 * Names the format of a model path: `onnx` for a `.onnx` file, `tfjs` for a `.json` file or a
 * folder, `unknown` for anything else. Extensions compare case-insensitively.
 */
export function modelFormat(path: string, stats: Pick<Stats, 'isDirectory'>): ModelFormat {
  if (stats.isDirectory()) {
    return 'tfjs';
  }
  const extension = extname(path).toLowerCase();
  if (basename(path) === 'saved_model.pb') {
    return 'tfjs';
  }
  if (extension === '.onnx') {
    return 'onnx';
  }
  if (extension === '.json') {
    return 'tfjs';
  }
  return 'unknown';
}

async function statModel(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch {
    throw new InputError(
      `Model not found: ${path}. Pass the path of an .onnx file with --model, or check the path.`,
    );
  }
}
