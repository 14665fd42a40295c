import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { InputError } from '../../errors.js';

/** The TensorFlow.js model formats seg-gate loads. */
export type TfjsModelFormat = 'layers-model' | 'graph-model' | 'saved-model';

/** A model path resolved to the file or folder to load. */
export type TfjsModelLocation =
  | { readonly kind: 'json'; readonly jsonPath: string }
  | { readonly kind: 'saved-model'; readonly folder: string };

const SAVED_MODEL_FILES = ['saved_model.pb', 'saved_model.pbtxt'];

/**
 * Resolves `--model` for TensorFlow: a `*.json` file, a folder with a `model.json`, a SavedModel
 * folder (it contains `saved_model.pb` or `saved_model.pbtxt`) or that `saved_model.pb` file.
 * Throws an InputError that names what was found when the path matches none of these.
 */
export function locateTfjsModel(path: string): TfjsModelLocation {
  if (!existsSync(path)) {
    throw new InputError(`Model ${path} was not found. Check the --model path.`);
  }

  if (statSync(path).isFile()) {
    if (SAVED_MODEL_FILES.includes(basename(path))) {
      return { kind: 'saved-model', folder: dirname(path) };
    }
    if (path.endsWith('.json')) {
      return { kind: 'json', jsonPath: path };
    }
    throw new InputError(
      `Model ${path} is neither a TensorFlow.js model JSON (*.json) nor a SavedModel ` +
        '(saved_model.pb). Pass the model.json of a TensorFlow.js model or a SavedModel folder.',
    );
  }

  if (SAVED_MODEL_FILES.some((name) => existsSync(join(path, name)))) {
    return { kind: 'saved-model', folder: path };
  }
  const jsonPath = join(path, 'model.json');
  if (existsSync(jsonPath)) {
    return { kind: 'json', jsonPath };
  }
  throw new InputError(
    `Model folder ${path} contains neither model.json nor saved_model.pb. Pass the model JSON file ` +
      'itself when it has another name.',
  );
}

/**
 * Decides whether a `model.json` contains a layers model or a graph model. The `format` field
 * (`layers-model`, `graph-model`) and the topology (a Keras config with `class_name` or
 * `model_config`, or a GraphDef with `node`) must agree when both are present. Older files
 * without `format` are decided by the topology alone. Throws an InputError otherwise.
 */
export function decideJsonFormat(
  jsonPath: string,
  format: string | undefined,
  modelTopology: Record<string, unknown>,
): 'layers-model' | 'graph-model' {
  const fromFormat = format === 'layers-model' || format === 'graph-model' ? format : null;
  const fromTopology = formatOfTopology(modelTopology);

  if (fromFormat && fromTopology && fromFormat !== fromTopology) {
    throw new InputError(
      `Model JSON ${jsonPath} declares format "${fromFormat}" but its modelTopology is a ` +
        `${fromTopology === 'graph-model' ? 'GraphDef (graph model)' : 'Keras config (layers model)'}. ` +
        'The file was edited or merged from two models; re-export it.',
    );
  }

  const decided = fromTopology ?? fromFormat;
  if (decided === null) {
    throw new InputError(
      `Model JSON ${jsonPath} is neither a layers model nor a graph model: format is ` +
        `${format === undefined ? 'missing' : JSON.stringify(format)} and modelTopology has ` +
        'neither class_name/model_config (Keras) nor node (GraphDef).',
    );
  }
  return decided;
}

function formatOfTopology(
  topology: Record<string, unknown>,
): 'layers-model' | 'graph-model' | null {
  if (Array.isArray(topology['node'])) {
    return 'graph-model';
  }
  if ('model_config' in topology || typeof topology['class_name'] === 'string') {
    return 'layers-model';
  }
  return null;
}
