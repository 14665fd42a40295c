import * as tf from '@tensorflow/tfjs-core';
import type { io } from '@tensorflow/tfjs-core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { InputError, errorMessage } from '../../errors.js';
import { resolveWeightGroups } from './weights-manifest.js';

/** Name of the single weight file that `fileIOHandler(...).save` writes next to the JSON. */
export const SAVED_WEIGHTS_FILE = 'group1-shard1of1.bin';

/**
 * Reads and parses a TensorFlow.js `model.json` and checks the fields that loading relies on.
 * `modelTopology` must be an object. `weightsManifest`, when present, must be a list of groups
 * with `paths` (strings) and `weights` (entries with a name, a shape of non-negative integers and
 * a dtype). Throws an InputError naming the file and the field otherwise.
 */
export async function readModelJson(jsonPath: string): Promise<io.ModelJSON> {
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch (error) {
    throw new InputError(`Failed to read model JSON ${jsonPath}: ${errorMessage(error)}.`);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Model JSON ${jsonPath} is not valid JSON: ${errorMessage(error)}.`);
  }

  return validateModelJson(parsed, jsonPath);
}

/**
 * Creates a `tf.io.IOHandler` on the local file system, so models load without `fetch` or network.
 *
 * `load` reads the JSON at `jsonPath` and every weight file of its manifest, resolved relative to
 * the JSON's folder, after `resolveWeightGroups` has checked their paths and byte counts.
 * `save` writes `jsonPath` and one weight file, `group1-shard1of1.bin`, in the same folder.
 */
export function fileIOHandler(jsonPath: string): io.IOHandler {
  return {
    load: () => loadArtifacts(jsonPath),
    save: (artifacts) => saveArtifacts(jsonPath, artifacts),
  };
}

async function loadArtifacts(jsonPath: string): Promise<io.ModelArtifacts> {
  const modelJson = await readModelJson(jsonPath);
  const manifest = modelJson.weightsManifest ?? [];
  const groups = await resolveWeightGroups(jsonPath, manifest);

  const paths = groups.flatMap((group) => group.files.map((file) => file.path));
  const buffers = await Promise.all(paths.map(readArrayBuffer));

  return tf.io.getModelArtifactsForJSON(modelJson, async () => [
    tf.io.getWeightSpecs(manifest),
    buffers,
  ]);
}

async function readArrayBuffer(path: string): Promise<ArrayBuffer> {
  const bytes = await readFile(path);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  if (whole && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return new Uint8Array(bytes).buffer;
}

async function saveArtifacts(
  jsonPath: string,
  artifacts: io.ModelArtifacts,
): Promise<io.SaveResult> {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error(`Cannot save a binary model topology to ${jsonPath}; only JSON topologies.`);
  }

  const weightData = artifacts.weightData ?? new ArrayBuffer(0);
  const weights = tf.io.CompositeArrayBuffer.join(weightData);
  const modelJson: io.ModelJSON = {
    modelTopology: artifacts.modelTopology ?? {},
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [SAVED_WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  if (artifacts.trainingConfig) {
    modelJson.trainingConfig = artifacts.trainingConfig;
  }
  if (artifacts.signature) {
    modelJson.signature = artifacts.signature;
  }
  if (artifacts.userDefinedMetadata) {
    modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
  }

  const folder = dirname(jsonPath);
  await mkdir(folder, { recursive: true });
  const jsonText = JSON.stringify(modelJson);
  await writeFile(jsonPath, jsonText);
  await writeFile(join(folder, SAVED_WEIGHTS_FILE), new Uint8Array(weights));

  return {
    modelArtifactsInfo: {
      dateSaved: new Date(),
      modelTopologyType: 'JSON',
      modelTopologyBytes: Buffer.byteLength(JSON.stringify(modelJson.modelTopology)),
      weightSpecsBytes: Buffer.byteLength(JSON.stringify(artifacts.weightSpecs ?? [])),
      weightDataBytes: weights.byteLength,
    },
  };
}

function validateModelJson(value: unknown, jsonPath: string): io.ModelJSON {
  const name = basename(jsonPath);
  if (!isRecord(value)) {
    throw new InputError(`Model JSON ${jsonPath} is not a JSON object.`);
  }
  if (!isRecord(value['modelTopology'])) {
    throw new InputError(
      `Model JSON ${jsonPath} has no modelTopology object: ${name} is not a TensorFlow.js ` +
        'model.json (layers or graph model). Convert the model with tensorflowjs_converter.',
    );
  }

  const manifest = value['weightsManifest'];
  if (manifest !== undefined) {
    validateManifest(manifest, jsonPath);
  }
  return value as unknown as io.ModelJSON;
}

function validateManifest(manifest: unknown, jsonPath: string): void {
  if (!Array.isArray(manifest)) {
    throw invalidManifest(jsonPath, 'weightsManifest', 'is not a list');
  }

  for (const [index, group] of manifest.entries()) {
    const field = `weightsManifest[${index}]`;
    if (!isRecord(group)) {
      throw invalidManifest(jsonPath, field, 'is not an object');
    }
    const paths = group['paths'];
    if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string')) {
      throw invalidManifest(jsonPath, `${field}.paths`, 'is not a list of file names');
    }
    const weights = group['weights'];
    if (!Array.isArray(weights)) {
      throw invalidManifest(jsonPath, `${field}.weights`, 'is not a list');
    }
    weights.forEach((entry, entryIndex) =>
      validateEntry(entry, `${field}.weights[${entryIndex}]`, jsonPath),
    );
  }
}

function validateEntry(entry: unknown, field: string, jsonPath: string): void {
  if (!isRecord(entry) || typeof entry['name'] !== 'string') {
    throw invalidManifest(jsonPath, field, 'has no name');
  }
  const shape = entry['shape'];
  const validShape =
    Array.isArray(shape) && shape.every((size) => Number.isInteger(size) && size >= 0);
  if (!validShape) {
    throw invalidManifest(jsonPath, `${field}.shape`, 'is not a list of non-negative integers');
  }
  if (typeof entry['dtype'] !== 'string') {
    throw invalidManifest(jsonPath, `${field}.dtype`, 'is missing');
  }
}

function invalidManifest(jsonPath: string, field: string, problem: string): InputError {
  return new InputError(
    `Invalid weights manifest in ${jsonPath}: ${field} ${problem}. Re-export the model with ` +
      'TensorFlow.js or tensorflowjs_converter.',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
