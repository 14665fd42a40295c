import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import type { CheckRecord } from '../checks/types.js';
import type { Logger } from '../pipeline/logger.js';
import type { TrainingBatch } from './batches.js';
import type { StepFunction } from './optimizer-step.js';
import { formatLoss, overfitProbeCheck } from './training-checks.js';

export interface OverfitProbeSpec {
  readonly steps: number;
  /** The batch trained on at every step; the caller disposes it. */
  readonly batch: TrainingBatch;
  /** A step function with its own optimizer, so the probe leaves no optimizer state behind. */
  readonly step: StepFunction;
  /** The model whose weights are saved before the probe and restored after it. */
  readonly model: tfl.LayersModel;
  readonly logger: Logger;
}

export interface OverfitProbeResult {
  readonly losses: readonly number[];
  readonly check: CheckRecord;
}

/**
 * Trains `steps` steps on one batch and checks that the loss falls. Every weight of the model,
 * trainable or not, is restored afterwards, so the real training starts from the checkpoint.
 */
export async function runOverfitProbe(spec: OverfitProbeSpec): Promise<OverfitProbeResult> {
  const saved = spec.model.getWeights().map((weight) => tf.clone(weight));
  const losses: number[] = [];
  try {
    for (let step = 1; step <= spec.steps; step += 1) {
      losses.push(await spec.step(spec.batch));
      spec.logger.info(
        `overfit probe step ${step}/${spec.steps}: loss ${formatLoss(losses[losses.length - 1] ?? Number.NaN)}`,
      );
    }
  } finally {
    spec.model.setWeights(saved);
    tf.dispose(saved);
  }
  return { losses, check: overfitProbeCheck(losses, spec.batch.ids) };
}
