import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

import type { BackendCandidate, PreparedBackend } from './backend.js';
import { importTfjsNode } from './tfjs-node.js';
import type { ModuleImporter } from './tfjs-node.js';

/** The binaries the wasm backend picks from in Node (the threaded build is never used there). */
const WASM_BINARIES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

export interface BackendCandidateOptions {
  /**
   * Folder holding the wasm backend's `.wasm` files. Default: the `dist` folder of the installed
   * `@tensorflow/tfjs-backend-wasm` package. A bundled build without `node_modules` sets this to
   * the folder it ships the files in.
   */
  readonly wasmDir?: string;
  /** Imports a package by name; the default is the dynamic `import()`. */
  readonly importModule?: ModuleImporter;
}

/** Returns the `tensorflow`, `wasm` and `cpu` candidates, in that order. */
export function defaultBackendCandidates(
  options: BackendCandidateOptions = {},
): BackendCandidate[] {
  const importModule = options.importModule ?? ((specifier: string) => import(specifier));
  return [
    tensorflowCandidate(importModule),
    wasmCandidate(options.wasmDir),
    { name: 'cpu', prepare: prepareCpu },
  ];
}

/** Builds the candidate of the native backend from `@tensorflow/tfjs-node-gpu` or `-node`. */
export function tensorflowCandidate(importModule: ModuleImporter): BackendCandidate {
  return {
    name: 'tensorflow',
    prepare: async () => {
      const tfjsNode = await importTfjsNode(importModule);
      return { source: tfjsNode.packageName, tfjsNode };
    },
  };
}

/**
 * Builds the candidate of the WebAssembly backend. It points the backend at `.wasm` files on the
 * local file system with `setWasmPaths`, so nothing is fetched over the network. In Node it runs the SIMD build on one
 * thread (tfjs-backend-wasm 4.22 reports no thread support under Node).
 */
export function wasmCandidate(wasmDir?: string): BackendCandidate {
  return {
    name: 'wasm',
    prepare: async (): Promise<PreparedBackend> => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      requireRegistered('wasm');

      const folder = wasmDir ?? defaultWasmDir();
      const missing = WASM_BINARIES.filter((name) => !existsSync(join(folder, name)));
      if (missing.length > 0) {
        throw new Error(`${missing.join(' and ')} not found in ${folder}`);
      }

      wasm.setWasmPaths(folder.endsWith(sep) ? folder : folder + sep);
      return {
        source: `@tensorflow/tfjs-backend-wasm ${wasm.version_wasm}, binaries in ${folder}`,
      };
    },
  };
}

async function prepareCpu(): Promise<PreparedBackend> {
  const cpu = await import('@tensorflow/tfjs-backend-cpu');
  requireRegistered('cpu');
  return { source: `@tensorflow/tfjs-backend-cpu ${cpu.version_cpu}` };
}

function defaultWasmDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
}

function requireRegistered(name: string): void {
  if (tf.findBackendFactory(name) == null) {
    throw new Error(
      `the ${name} backend is no longer registered with TensorFlow.js: it failed earlier in this ` +
        'process and was removed',
    );
  }
}
