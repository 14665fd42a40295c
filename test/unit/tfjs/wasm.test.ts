import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  defaultBackendCandidates,
  wasmCandidate,
} from '../../../src/segmenters/tfjs/backend-candidates.js';
import { selectBackend } from '../../../src/segmenters/tfjs/backend.js';
import { loadTfjsModel } from '../../../src/segmenters/tfjs/load.js';
import { TFJS_FIXTURES, recordingLogger } from './support.js';

/** Runs the layers fixture on a fixed random input with the active backend. */
async function runLayersFixture(): Promise<Float32Array> {
  const loaded = await loadTfjsModel(join(TFJS_FIXTURES, 'layers', 'model.json'), {
    tfjsNode: null,
  });
  if (loaded.kind !== 'model') {
    throw new Error(loaded.finding.detail);
  }
  const input = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 42);
  const output = await loaded.model.run(input);
  const values = (await output.data()) as Float32Array;
  input.dispose();
  output.dispose();
  loaded.model.dispose();
  return values;
}

describe('wasm backend', () => {
  it('is chosen after a missing tfjs-node', async () => {
    const logger = recordingLogger();

    const selection = await selectBackend({ requested: null, logger });

    expect(selection.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selection.source).toMatch(/^@tensorflow\/tfjs-backend-wasm 4\.\d+\.\d+, binaries in \//);
    expect(selection.skipped.map((attempt) => attempt.name)).toEqual(['tensorflow']);
    expect(selection.skipped[0]?.reason).toContain(
      'neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed',
    );
    expect(logger.lines).toContain(`info: TensorFlow.js backend: wasm (${selection.source})`);
  });

  it('computes what the cpu backend computes', async () => {
    await selectBackend({ requested: 'wasm', logger: recordingLogger() });
    const onWasm = await runLayersFixture();
    await selectBackend({ requested: 'cpu', logger: recordingLogger() });
    const onCpu = await runLayersFixture();

    expect(onWasm).toHaveLength(2 * 8 * 8 * 3);
    let largest = 0;
    onWasm.forEach((value, index) => {
      largest = Math.max(largest, Math.abs(value - (onCpu[index] as number)));
    });
    expect(largest).toBeLessThan(1e-4);
    expect(Math.max(...onWasm.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('falls back to cpu without its binaries', async () => {
    const logger = recordingLogger();
    const candidates = defaultBackendCandidates().map((candidate) =>
      candidate.name === 'wasm' ? wasmCandidate('/nonexistent/wasm') : candidate,
    );

    const selection = await selectBackend({ requested: null, logger, candidates });

    expect(selection.name).toBe('cpu');
    expect(selection.skipped.map((attempt) => attempt.name)).toEqual(['tensorflow', 'wasm']);
    expect(selection.skipped[1]?.reason).toBe(
      'tfjs-backend-wasm.wasm and tfjs-backend-wasm-simd.wasm not found in /nonexistent/wasm',
    );
    expect(tf.findBackendFactory('wasm')).toBeNull();
  });
});
