import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';

import { UsageError } from '../../../src/errors.js';
import { tensorflowCandidate } from '../../../src/segmenters/tfjs/backend-candidates.js';
import { selectBackend } from '../../../src/segmenters/tfjs/backend.js';
import type { BackendCandidate } from '../../../src/segmenters/tfjs/backend.js';
import { installLegacyUtilPredicates } from '../../../src/segmenters/tfjs/node-util-shims.js';
import { importTfjsNode } from '../../../src/segmenters/tfjs/tfjs-node.js';
import type { ModuleImporter, TfjsSavedModel } from '../../../src/segmenters/tfjs/tfjs-node.js';
import { recordingLogger } from './support.js';

const cpu: BackendCandidate = {
  name: 'cpu',
  prepare: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    return { source: 'cpu package' };
  },
};

/** Builds a candidate whose `prepare` registers `factory`, which fails when TensorFlow.js calls it. */
function brokenCandidate(name: string, factory: () => never | Promise<never>): BackendCandidate {
  return {
    name,
    prepare: async () => {
      tf.registerBackend(name, factory);
      return { source: `${name} package` };
    },
  };
}

/** Registers `name` as a copy of the CPU backend, kernels included, like tfjs-node's import. */
function registerCpuCopy(name: string): void {
  tf.registerBackend(name, () => new MathBackendCPU());
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    tf.registerKernel({ ...kernel, backendName: name });
  }
}

function removeCpuCopy(name: string): void {
  for (const kernel of tf.getKernelsForBackend(name)) {
    tf.unregisterKernel(kernel.kernelName, name);
  }
  if (tf.findBackendFactory(name) != null) {
    tf.removeBackend(name);
  }
}

function notInstalled(specifier: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/x.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
}

const fakeSavedModelLoader = async (): Promise<TfjsSavedModel> => {
  throw new Error('not used');
};

afterEach(() => {
  removeCpuCopy('tensorflow');
});

describe('selectBackend', () => {
  it('falls back past a failing factory', async () => {
    const logger = recordingLogger();
    const broken = brokenCandidate('broken-sync', () => {
      throw new Error('no GPU found');
    });

    const selection = await selectBackend({ requested: null, logger, candidates: [broken, cpu] });

    expect(selection.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.findBackendFactory('broken-sync')).toBeNull();
    expect(selection.skipped).toHaveLength(1);
    expect(selection.skipped[0]?.name).toBe('broken-sync');
    expect(selection.skipped[0]?.reason).toContain("tf.setBackend('broken-sync') returned false");
    expect(selection.skipped[0]?.reason).toContain('no GPU found');
    expect(logger.lines).toContain('info: TensorFlow.js backend: cpu (cpu package)');
    expect(
      logger.lines.some((line) =>
        line.startsWith('warn: TensorFlow.js backend broken-sync failed to initialise'),
      ),
    ).toBe(true);
  });

  it('falls back past a rejected initialisation', async () => {
    const broken = brokenCandidate('broken-async', async () => {
      throw new Error('device lost');
    });

    const selection = await selectBackend({
      requested: null,
      logger: recordingLogger(),
      candidates: [broken, cpu],
    });

    expect(selection.name).toBe('cpu');
    expect(tf.findBackendFactory('broken-async')).toBeNull();
    expect(selection.skipped[0]?.reason).toContain('device lost');
  });

  it('removes a half-registered backend', async () => {
    const halfway: BackendCandidate = {
      name: 'halfway',
      prepare: async () => {
        tf.registerBackend('halfway', () => new MathBackendCPU());
        throw new Error('native binding missing');
      },
    };

    const selection = await selectBackend({
      requested: null,
      logger: recordingLogger(),
      candidates: [halfway, cpu],
    });

    expect(selection.name).toBe('cpu');
    expect(tf.findBackendFactory('halfway')).toBeNull();
    expect(selection.skipped).toEqual([{ name: 'halfway', reason: 'native binding missing' }]);
  });

  it('rejects a backend without kernels', async () => {
    const bare: BackendCandidate = {
      name: 'bare',
      prepare: async () => {
        tf.registerBackend('bare', () => new MathBackendCPU());
        return { source: 'bare' };
      },
    };

    const selection = await selectBackend({
      requested: null,
      logger: recordingLogger(),
      candidates: [bare, cpu],
    });

    expect(selection.name).toBe('cpu');
    expect(tf.findBackendFactory('bare')).toBeNull();
    expect(selection.skipped[0]?.reason).toContain('a test matrix product failed');
  });

  it('fails on a requested backend that does not work', async () => {
    const broken = brokenCandidate('tensorflow', () => {
      throw new Error('libtensorflow.so.2: cannot open shared object file');
    });

    const selecting = selectBackend({
      requested: 'tensorflow',
      logger: recordingLogger(),
      candidates: [broken, cpu],
    });

    await expect(selecting).rejects.toThrow(UsageError);
    await expect(selecting).rejects.toThrow(
      'TensorFlow.js backend tensorflow (--backend tensorflow) is not available: tensorflow: ' +
        "tf.setBackend('tensorflow') returned false",
    );
    await expect(selecting).rejects.toThrow('or pass --backend wasm or cpu');
  });

  it('uses only the requested backend', async () => {
    const selection = await selectBackend({
      requested: 'cpu',
      logger: recordingLogger(),
      candidates: [
        brokenCandidate('tensorflow', () => {
          throw new Error('never tried');
        }),
        cpu,
      ],
    });

    expect(selection.name).toBe('cpu');
    expect(selection.skipped).toEqual([]);
    expect(tf.findBackendFactory('tensorflow')).toBeNull();
  });

  it('lists every reason when nothing works', async () => {
    const selecting = selectBackend({
      requested: null,
      logger: recordingLogger(),
      candidates: [
        brokenCandidate('first', () => {
          throw new Error('one');
        }),
      ],
    });

    await expect(selecting).rejects.toThrow(
      'No TensorFlow.js backend could be initialised (first:',
    );
  });
});

describe('tensorflow candidate', () => {
  it('logs a missing tfjs-node at debug level', async () => {
    const logger = recordingLogger();
    const importer: ModuleImporter = async (specifier) => {
      throw notInstalled(specifier);
    };

    const selection = await selectBackend({
      requested: null,
      logger,
      candidates: [tensorflowCandidate(importer), cpu],
    });

    expect(selection.name).toBe('cpu');
    expect(selection.skipped[0]?.reason).toBe(
      'neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed; install it with ' +
        '`npm install @tensorflow/tfjs-node` (or `@tensorflow/tfjs-node-gpu` for CUDA); their ' +
        'install step downloads libtensorflow',
    );
    expect(logger.lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
    expect(
      logger.lines.some((line) =>
        line.startsWith('debug: TensorFlow.js backend tensorflow is not available'),
      ),
    ).toBe(true);
  });

  it('uses tfjs-node when the GPU package is missing', async () => {
    const tried: string[] = [];
    const importer: ModuleImporter = async (specifier) => {
      tried.push(specifier);
      if (specifier === '@tensorflow/tfjs-node-gpu') {
        throw notInstalled(specifier);
      }
      registerCpuCopy('tensorflow');
      return { default: { node: { loadSavedModel: fakeSavedModelLoader } } };
    };

    const selection = await selectBackend({
      requested: null,
      logger: recordingLogger(),
      candidates: [tensorflowCandidate(importer), cpu],
    });

    expect(tried).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(selection.name).toBe('tensorflow');
    expect(selection.source).toBe('@tensorflow/tfjs-node');
    expect(selection.tfjsNode?.packageName).toBe('@tensorflow/tfjs-node');
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('warns when an installed package fails to load', async () => {
    const logger = recordingLogger();
    const importer: ModuleImporter = async (specifier) => {
      if (specifier === '@tensorflow/tfjs-node-gpu') {
        throw notInstalled(specifier);
      }
      tf.registerBackend('tensorflow', () => new MathBackendCPU());
      throw new Error('libtensorflow.so.2: cannot open shared object file');
    };

    const selection = await selectBackend({
      requested: null,
      logger,
      candidates: [tensorflowCandidate(importer), cpu],
    });

    expect(selection.name).toBe('cpu');
    expect(tf.findBackendFactory('tensorflow')).toBeNull();
    expect(logger.lines).toContain(
      'warn: TensorFlow.js backend tensorflow failed to load: the native TensorFlow backend ' +
        "failed to load (@tensorflow/tfjs-node-gpu: Cannot find package '@tensorflow/tfjs-node-gpu' " +
        'imported from /app/x.js; @tensorflow/tfjs-node: libtensorflow.so.2: cannot open shared ' +
        'object file)',
    );
  });

  it('rejects a module without loadSavedModel', async () => {
    const importer: ModuleImporter = async () => ({ version: '4.22.0' });

    await expect(importTfjsNode(importer)).rejects.toThrow(
      '@tensorflow/tfjs-node loaded but has no node.loadSavedModel function',
    );
  });
});

describe('installLegacyUtilPredicates', () => {
  it('adds the predicates Node removed', () => {
    const util = createRequire(import.meta.url)('node:util') as Record<string, unknown>;
    const saved = { isNullOrUndefined: util['isNullOrUndefined'], isArray: util['isArray'] };
    delete util['isNullOrUndefined'];
    delete util['isArray'];

    try {
      const added = installLegacyUtilPredicates();

      expect(added).toEqual(['isArray', 'isNullOrUndefined']);
      const isNullOrUndefined = util['isNullOrUndefined'] as (value: unknown) => boolean;
      const isArray = util['isArray'] as (value: unknown) => boolean;
      expect(isNullOrUndefined(null)).toBe(true);
      expect(isNullOrUndefined(undefined)).toBe(true);
      expect(isNullOrUndefined(0)).toBe(false);
      expect(isArray([1])).toBe(true);
      expect(isArray('a')).toBe(false);
      expect(installLegacyUtilPredicates()).toEqual([]);
    } finally {
      Object.assign(util, saved);
    }
  });
});
