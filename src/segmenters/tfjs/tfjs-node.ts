import type { InferenceModel } from '@tensorflow/tfjs-core';

import { errorMessage } from '../../errors.js';
import { isModuleNotFound, removeRegisteredBackend } from './registry.js';
import { installLegacyUtilPredicates } from './node-util-shims.js';

/**
 * The native TensorFlow packages, tried in this order. Neither is a dependency of seg-gate: their
 * install step downloads libtensorflow, so a user who wants them installs one explicitly.
 */
export const TFJS_NODE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/** How to get the native backend, quoted by every error that needs it. */
export const TFJS_NODE_INSTALL_HINT =
  'install it with `npm install @tensorflow/tfjs-node` (or `@tensorflow/tfjs-node-gpu` for CUDA); ' +
  'their install step downloads libtensorflow';

/** A TensorFlow SavedModel loaded by tfjs-node; `predict` runs its serving signature. */
export interface TfjsSavedModel extends InferenceModel {
  dispose(): void;
}

/** The parts of `@tensorflow/tfjs-node` that seg-gate uses. */
export interface TfjsNodeModule {
  /** The package that was loaded, for example `@tensorflow/tfjs-node`. */
  readonly packageName: string;
  /** `tf.node.loadSavedModel`: loads a SavedModel folder with the given tags and signature. */
  loadSavedModel(path: string, tags?: string[], signature?: string): Promise<TfjsSavedModel>;
}

/** Imports a module by name; tests replace it to simulate installed or broken packages. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** Error whose `code` marks "package not installed", like Node's own resolution error. */
export class ModuleNotFoundError extends Error {
  override readonly name = 'ModuleNotFoundError';
  readonly code = 'ERR_MODULE_NOT_FOUND';
}

/**
 * Imports the first native TensorFlow package that is installed and loads, which registers the
 * `tensorflow` backend with TensorFlow.js. The legacy `node:util` predicates are added first,
 * because tfjs-node 4.22.0 calls `util.isNullOrUndefined` and friends that Node 23 removed.
 *
 * Throws a ModuleNotFoundError when neither package is installed, and an Error with every
 * package's reason when an installed one fails to load (a missing libtensorflow, for example).
 */
export async function importTfjsNode(importModule: ModuleImporter): Promise<TfjsNodeModule> {
  installLegacyUtilPredicates();

  const reasons: string[] = [];
  let installed = false;
  for (const packageName of TFJS_NODE_PACKAGES) {
    try {
      const namespace = await importModule(packageName);
      return toTfjsNodeModule(packageName, namespace);
    } catch (error) {
      removeRegisteredBackend('tensorflow');
      installed ||= !isModuleNotFound(error, packageName);
      reasons.push(`${packageName}: ${errorMessage(error)}`);
    }
  }

  if (!installed) {
    throw new ModuleNotFoundError(
      `neither ${TFJS_NODE_PACKAGES.join(' nor ')} is installed; ${TFJS_NODE_INSTALL_HINT}`,
    );
  }
  throw new Error(`the native TensorFlow backend failed to load (${reasons.join('; ')})`);
}

function toTfjsNodeModule(packageName: string, namespace: unknown): TfjsNodeModule {
  const node = findProperty(namespace, 'node');
  const loadSavedModel = findProperty(node, 'loadSavedModel');
  if (typeof loadSavedModel !== 'function') {
    throw new Error(`${packageName} loaded but has no node.loadSavedModel function`);
  }

  return {
    packageName,
    loadSavedModel: (path, tags, signature) =>
      (loadSavedModel as TfjsNodeModule['loadSavedModel']).call(node, path, tags, signature),
  };
}

/** Reads a property from an ES module namespace or, for CommonJS modules, from its `default`. */
function findProperty(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if (key in record) {
    return record[key];
  }
  const fallback = record['default'];
  if (typeof fallback === 'object' && fallback !== null) {
    return (fallback as Record<string, unknown>)[key];
  }
  return undefined;
}
