import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Device } from '../../config/settings.js';

/** Native packages the engine loads; a load probe imports each in a fresh process. */
export const NATIVE_PACKAGES = ['sharp', 'onnxruntime-node'] as const;

/**
 * ONNX Runtime's CUDA execution provider library, which onnxruntime-node installs only with
 * `ONNXRUNTIME_NODE_INSTALL=cuda12` (linux/x64; the package bundles no CUDA build elsewhere).
 */
export function cudaProviderPath(actionDir: string): string | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return null;
  }
  return join(
    actionDir,
    'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so',
  );
}

/** Checks whether a folder's node_modules can run the engine. */
export interface EngineProbe {
  /** Returns null when the engine can run, or what is missing. */
  missing(actionDir: string, device: Device): Promise<string | null>;
}

/**
 * Creates the probe used in real runs. It requires a folder in node_modules for every production
 * dependency in `package.json`, and the CUDA provider for `device: cuda`. A fresh Node process
 * (`nodePath`) must also import the native packages, which catches a build for another platform
 * or Node ABI.
 */
export function createEngineProbe(nodePath: string): EngineProbe {
  return {
    async missing(actionDir, device) {
      const absent = missingDependencies(actionDir);
      if (absent.length > 0) {
        return `node_modules lacks ${absent.join(', ')}`;
      }

      const cuda = device === 'cuda' ? cudaProviderPath(actionDir) : null;
      if (cuda !== null && !existsSync(cuda)) {
        return `node_modules lacks the ONNX Runtime CUDA provider (${cuda})`;
      }

      return loadProblem(nodePath, actionDir);
    },
  };
}

function missingDependencies(actionDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(actionDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {}).filter(
    (name) => !existsSync(join(actionDir, 'node_modules', name, 'package.json')),
  );
}

function loadProblem(nodePath: string, actionDir: string): Promise<string | null> {
  const script = NATIVE_PACKAGES.map((name) => `await import(${JSON.stringify(name)});`).join(' ');
  const child = spawn(nodePath, ['--input-type=module', '-e', script], {
    cwd: actionDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });

  return new Promise((resolve) => {
    child.on('error', (error) => resolve(`the load probe could not start: ${error.message}`));
    child.on('close', (code) => {
      if (code === 0) {
        resolve(null);
        return;
      }
      const firstError = stderr.split('\n').find((line) => /Error/.test(line)) ?? stderr.trim();
      resolve(`${NATIVE_PACKAGES.join(' and ')} failed to load: ${firstError.slice(0, 500)}`);
    });
  });
}
