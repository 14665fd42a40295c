import * as tf from '@tensorflow/tfjs-core';

/** Removes a backend from the TensorFlow.js registry when it is registered there. */
export function removeRegisteredBackend(name: string): void {
  if (tf.findBackendFactory(name) != null) {
    tf.removeBackend(name);
  }
}

/**
 * True when `error` is Node's "package not found" error (`ERR_MODULE_NOT_FOUND` from `import`,
 * `MODULE_NOT_FOUND` from `require`), and, when `specifier` is given, names that package rather
 * than one of its dependencies.
 */
export function isModuleNotFound(error: unknown, specifier?: string): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) {
    return false;
  }
  if (error.code !== 'ERR_MODULE_NOT_FOUND' && error.code !== 'MODULE_NOT_FOUND') {
    return false;
  }
  if (specifier === undefined) {
    return true;
  }
  return 'message' in error && String(error.message).includes(`'${specifier}'`);
}
