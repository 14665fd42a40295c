import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { performance } from 'node:perf_hooks';

import type { CheckRecord } from '../checks/types.js';
import type { Logger } from '../pipeline/logger.js';
import type { TrainingBatch } from './batches.js';
import type { StepFunction } from './optimizer-step.js';
import {
  finiteLossPass,
  firstStepCheck,
  formatLoss,
  nonFiniteLossFailure,
  unchangedWeightsFailure,
  updatedWeightsPass,
} from './training-checks.js';

/** One finished training step. */
export interface StepRecord {
  /** 1-based step number. */
  readonly step: number;
  /** Mean loss of the batch before the update. */
  readonly loss: number;
  /** Wall time of the step in milliseconds, data transfer included. */
  readonly ms: number;
  /** Largest absolute change of any trainable weight in this step. */
  readonly maxWeightChange: number;
}

export interface LoopSpec {
  readonly steps: number;
  readonly nextBatch: () => TrainingBatch;
  readonly step: StepFunction;
  /** The trainable variables, compared before and after each step. */
  readonly variables: readonly Variable[];
  readonly numClasses: number;
  readonly firstLossFactor: number;
  readonly learningRate: number;
  readonly logger: Logger;
}

export interface LoopResult {
  readonly records: readonly StepRecord[];
  /** The `training.loss.*` and `training.weights.updated` records. */
  readonly checks: readonly CheckRecord[];
  /** False when a check failed and training stopped early. */
  readonly completed: boolean;
}

/**
 * Runs `steps` optimizer steps and logs the loss, the step time and the estimated time left after
 * each. Stops at the first failed check: a first-step loss above `firstLossFactor * ln C` or not
 * finite, a later NaN or infinite loss, or a step that changed no weight.
 */
export async function runTrainingLoop(spec: LoopSpec): Promise<LoopResult> {
  const records: StepRecord[] = [];
  const checks: CheckRecord[] = [];

  for (let step = 1; step <= spec.steps; step += 1) {
    const record = await runStep(spec, step);
    records.push(record);
    logStep(spec, records);

    const failure = stepFailure(spec, record, records, checks);
    if (failure !== null) {
      checks.push(failure);
      return { records, checks, completed: false };
    }
  }

  const smallest = Math.min(...records.map((record) => record.maxWeightChange));
  checks.push(finiteLossPass(records.length));
  checks.push(updatedWeightsPass(records.length, spec.variables.length, smallest));
  return { records, checks, completed: true };
}

async function runStep(spec: LoopSpec, step: number): Promise<StepRecord> {
  const started = performance.now();
  const batch = spec.nextBatch();
  const before = spec.variables.map((variable) => tf.clone(variable));
  try {
    const loss = await spec.step(batch);
    const maxWeightChange = largestChange(before, spec.variables);
    return { step, loss, ms: performance.now() - started, maxWeightChange };
  } finally {
    tf.dispose(before);
    batch.dispose();
  }
}

/** Returns the failed check that this step triggers, or null; adds the first-step pass. */
function stepFailure(
  spec: LoopSpec,
  record: StepRecord,
  records: readonly StepRecord[],
  checks: CheckRecord[],
): CheckRecord | null {
  if (record.step === 1) {
    const first = firstStepCheck(record.loss, spec.numClasses, spec.firstLossFactor);
    if (first.status === 'fail') {
      return first;
    }
    checks.push(first);
  } else if (!Number.isFinite(record.loss)) {
    const previous = records[records.length - 2]?.loss ?? null;
    return nonFiniteLossFailure(record.step, record.loss, previous);
  }

  if (record.maxWeightChange === 0) {
    return unchangedWeightsFailure(record.step, spec.variables.length, spec.learningRate);
  }
  return null;
}

function largestChange(before: readonly Tensor[], after: readonly Variable[]): number {
  return tf.tidy(() => {
    let largest = 0;
    before.forEach((tensor, index) => {
      const change = tf.max(tf.abs(tf.sub(after[index] as Variable, tensor))).dataSync()[0] ?? 0;
      largest = Math.max(largest, Number.isNaN(change) ? Number.POSITIVE_INFINITY : change);
    });
    return largest;
  });
}

function logStep(spec: LoopSpec, records: readonly StepRecord[]): void {
  const last = records[records.length - 1] as StepRecord;
  const mean = records.reduce((total, record) => total + record.ms, 0) / records.length;
  const eta = ((spec.steps - last.step) * mean) / 1000;
  spec.logger.info(
    `step ${last.step}/${spec.steps}: loss ${formatLoss(last.loss)}, ` +
      `${Math.round(last.ms)} ms, ETA ${eta.toFixed(1)} s`,
  );
}
