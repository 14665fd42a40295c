import type { CheckRecord } from '../checks/types.js';
import { errorMessage } from '../errors.js';

/** Check id of the batch-consistency check. */
export const BATCH_CONSISTENCY_CHECK_ID = 'contract.model.batch-consistency';

/**
 * Largest accepted difference between an image's output alone and inside a batch, relative to
 * the magnitude of the value and never below this absolute amount: `|a - b| <= tol * max(1, |a|)`.
 */
export const BATCH_TOLERANCE = 1e-4;

/**
 * A model run on a batch of prepared inputs, the part of a segmenter the check needs. ONNX Runtime
 * and TensorFlow.js segmenters each provide one.
 */
export interface BatchRunner<Input> {
  /** The model path, named in the check message. */
  readonly subject: string;
  /** The batch dimension the model declares: a number when fixed, null when dynamic. */
  readonly batchDim: number | null;
  /**
   * Runs the model once on `batch` (item `i` from `batch[i]`) and returns each item's raw output
   * values, flattened, in batch order.
   */
  run(batch: readonly Input[]): Promise<readonly ArrayLike<number>[]>;
}

/**
 * Checks that a model gives an image the same output alone and inside a batch. Batch
 * normalisation and dropout left in training mode break this: their output then depends on the
 * other images of the batch (or on chance), so scores on a validation set are not those of the
 * trained model.
 *
 * With a dynamic batch, `inputs[0]` runs alone and then as item 0 of `[inputs[0], inputs[1]]`.
 * With a fixed batch of N >= 2, item 0 is compared between `[inputs[0], inputs[1], ...]` and N
 * copies of `inputs[0]`. Outputs must agree within `BATCH_TOLERANCE` (see there).
 *
 * Returns `skip` for a fixed batch of 1 or fewer than two inputs, `warn` when the batched run
 * fails, `fail` when the outputs differ, and `pass` otherwise.
 */
export async function checkBatchConsistency<Input>(
  runner: BatchRunner<Input>,
  inputs: readonly Input[],
): Promise<CheckRecord> {
  const [first, second] = inputs;
  if (runner.batchDim === 1) {
    return record(
      'skip',
      `Model ${runner.subject} has a fixed batch size of 1, so an image cannot be run inside a ` +
        'larger batch to compare.',
    );
  }
  if (first === undefined || second === undefined) {
    return record('skip', `The check needs two images and ${inputs.length} were available.`);
  }

  const [reference, batched] = comparedBatches(runner.batchDim, first, second);
  let outputs: [ArrayLike<number>, ArrayLike<number>];
  try {
    outputs = [await firstItem(runner, reference), await firstItem(runner, batched)];
  } catch (error) {
    return record(
      'warn',
      `Model ${runner.subject} failed on a batch of ${batched.length} images: ` +
        `${errorMessage(error)}. Batch consistency was not checked.`,
    );
  }

  return compareOutputs(runner.subject, outputs[0], outputs[1], batched.length);
}

/** Returns the two batches whose item 0 (always `first`) is compared. */
function comparedBatches<Input>(
  batchDim: number | null,
  first: Input,
  second: Input,
): [Input[], Input[]] {
  if (batchDim === null) {
    return [[first], [first, second]];
  }
  const others = Array.from({ length: batchDim - 1 }, () => second);
  const copies = Array.from({ length: batchDim - 1 }, () => first);
  return [
    [first, ...copies],
    [first, ...others],
  ];
}

async function firstItem<Input>(
  runner: BatchRunner<Input>,
  batch: readonly Input[],
): Promise<ArrayLike<number>> {
  const outputs = await runner.run(batch);
  if (outputs.length !== batch.length) {
    throw new Error(`the run returned ${outputs.length} outputs for ${batch.length} inputs`);
  }
  return outputs[0] as ArrayLike<number>;
}

function compareOutputs(
  subject: string,
  alone: ArrayLike<number>,
  inBatch: ArrayLike<number>,
  batchSize: number,
): CheckRecord {
  if (alone.length !== inBatch.length) {
    return record(
      'fail',
      `Model ${subject} returned ${alone.length} output values for an image alone but ` +
        `${inBatch.length} for the same image in a batch of ${batchSize}.`,
    );
  }

  const difference = largestDifference(alone, inBatch);
  if (difference.exceeding === 0) {
    return record(
      'pass',
      `The same image gave the same output alone and in a batch of ${batchSize} ` +
        `(largest difference ${formatNumber(difference.value)}, tolerance ${BATCH_TOLERANCE}).`,
    );
  }

  return record(
    'fail',
    `The same image gave different outputs alone and in a batch of ${batchSize} with model ` +
      `${subject}: ${difference.exceeding} of ${alone.length} values differ by more than ` +
      `${BATCH_TOLERANCE}, up to ${formatNumber(difference.value)} (value ${difference.index}: ` +
      `${formatNumber(difference.alone)} alone vs ${formatNumber(difference.inBatch)} in the ` +
      'batch). Layers such as batch normalisation or dropout are likely running in training ' +
      'mode; export the model in inference mode (model.eval() in PyTorch, training=False in Keras).',
  );
}

interface Difference {
  /** Values beyond the tolerance. */
  readonly exceeding: number;
  /** The largest absolute difference (infinite when one side is NaN or infinite), at `index`. */
  readonly value: number;
  readonly index: number;
  readonly alone: number;
  readonly inBatch: number;
}

function largestDifference(alone: ArrayLike<number>, inBatch: ArrayLike<number>): Difference {
  let exceeding = 0;
  let largest = { value: 0, index: 0, alone: alone[0] ?? 0, inBatch: inBatch[0] ?? 0 };

  for (let i = 0; i < alone.length; i += 1) {
    const a = alone[i] as number;
    const b = inBatch[i] as number;
    const gap = Object.is(a, b) ? 0 : Math.abs(a - b);
    const value = Number.isNaN(gap) ? Infinity : gap;
    const scale = Number.isFinite(a) ? Math.max(1, Math.abs(a)) : 1;

    if (value > BATCH_TOLERANCE * scale) {
      exceeding += 1;
    }
    if (value > largest.value) {
      largest = { value, index: i, alone: a, inBatch: b };
    }
  }
  return { ...largest, exceeding };
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

function record(status: CheckRecord['status'], message: string): CheckRecord {
  return { id: BATCH_CONSISTENCY_CHECK_ID, status, message };
}
