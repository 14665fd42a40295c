import * as tf from '@tensorflow/tfjs-core';

import { UsageError } from '../errors.js';
import type { Logger } from '../pipeline/logger.js';
import { defaultBackendCandidates } from '../segmenters/tfjs/backend-candidates.js';
import {
  selectBackend,
  type BackendCandidate,
  type BackendSelection,
  type TfjsBackendName,
} from '../segmenters/tfjs/backend.js';

/**
 * Gradient kernels that training convolution networks needs. The wasm backend of TensorFlow.js
 * 4.22 registers Conv2DBackpropInput but none of the others, so it cannot train them.
 */
export const GRADIENT_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
] as const;

/** Returns the gradient kernels that backend `name` has not registered. */
export function missingGradientKernels(name: string): string[] {
  return GRADIENT_KERNELS.filter((kernel) => tf.getKernel(kernel, name) === undefined);
}

/**
 * Selects a backend that can train. The wasm package is imported first to read which kernels it
 * registers. Without the gradient kernels it is left out of training (a UsageError when `--backend
 * wasm` requests it), but it stays registered, so the evaluation after training can still use it. The other
 * backends are selected as by `selectBackend`: tensorflow when tfjs-node is installed, else cpu.
 */
export async function selectTrainingBackend(
  requested: TfjsBackendName | null,
  logger: Logger,
  candidates: readonly BackendCandidate[] = defaultBackendCandidates(),
): Promise<BackendSelection> {
  const wasmGaps = await wasmGradientGaps();
  if (requested === 'wasm' && wasmGaps.length > 0) {
    throw new UsageError(
      `The TensorFlow.js wasm backend (--backend wasm) cannot train: @tensorflow/tfjs-backend-wasm ` +
        `registers no ${wasmGaps.join(', ')} kernels, which gradients of convolutions need. Pass ` +
        '--backend cpu, or --backend tensorflow with @tensorflow/tfjs-node installed.',
    );
  }

  let usable = candidates;
  if (requested === null && wasmGaps.length > 0) {
    logger.info(
      `TensorFlow.js backend wasm skipped for training: it has no ${wasmGaps.join(', ')} kernels.`,
    );
    usable = candidates.filter((candidate) => candidate.name !== 'wasm');
  }

  const selection = await selectBackend({ requested, logger, candidates: usable });
  const missing = missingGradientKernels(selection.name);
  if (missing.length > 0) {
    throw new UsageError(
      `The TensorFlow.js ${selection.name} backend cannot train: it registers no ` +
        `${missing.join(', ')} kernels. Pass --backend cpu.`,
    );
  }
  return selection;
}

async function wasmGradientGaps(): Promise<string[]> {
  await import('@tensorflow/tfjs-backend-wasm');
  return missingGradientKernels('wasm');
}
