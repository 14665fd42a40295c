import type { CheckRecord } from '../checks/types.js';
import { describeFinalSoftmax, type FinalSoftmax } from './final-softmax.js';
import { LOSS_ENCODING, describeLossSource, type ResolvedLoss } from './loss-choice.js';
import type { SavedLoss } from './saved-loss.js';
import type { FinalSoftmaxMode, LabelEncoding } from './settings.js';
import type { LabelProblem } from './training-data.js';

/**
 * The contract checks that run before the first training step. Each returns one record with a
 * `training.contract.` id; any `fail` stops the run before training.
 */

export const PREFLIGHT_CHECK_IDS = {
  output: 'training.contract.output',
  labelShape: 'training.contract.label-shape',
  savedLoss: 'training.contract.saved-loss',
  finalSoftmax: 'training.contract.final-softmax',
  labels: 'training.contract.labels',
} as const;

/** Most label problems listed by name in a message. */
const LISTED_PROBLEMS = 10;

/**
 * Checks that the model output is NHWC logits with one channel per class: rank 4 with C in the
 * last axis. `outputShape` is the concrete shape of a probe run.
 */
export function outputCheck(outputShape: readonly number[], numClasses: number): CheckRecord {
  const shape = formatShape(outputShape);
  const channels = outputShape[3];
  if (outputShape.length === 4 && channels === numClasses) {
    return pass(
      PREFLIGHT_CHECK_IDS.output,
      `Model output ${shape} has ${numClasses} channels in NHWC order, one per class.`,
    );
  }
  return fail(
    PREFLIGHT_CHECK_IDS.output,
    `Model output ${shape} vs expected [B,H,W,${numClasses}]: training needs NHWC scores with ` +
      `one channel per class (--num-classes ${numClasses}). Check --num-classes, or export the ` +
      'model with a channels-last output.',
  );
}

/**
 * Compares the label tensor with what the loss expects for this output: class ids [B,H,W] for
 * sparse categorical cross-entropy, one-hot rows [B,H,W,C] (the output shape) for categorical.
 */
export function labelShapeCheck(
  labelShape: readonly number[],
  outputShape: readonly number[],
  encoding: LabelEncoding,
  loss: ResolvedLoss,
  saved: SavedLoss | null,
): CheckRecord {
  const expectedEncoding = LOSS_ENCODING[loss.name];
  const expected = expectedEncoding === 'sparse' ? outputShape.slice(0, -1) : outputShape;
  const labels = `labels ${formatShape(labelShape)} (${describeEncoding(encoding)}, --label-encoding ${encoding})`;
  const lossText = `loss ${loss.name} (${describeLossSource(loss, saved)})`;

  if (sameShape(labelShape, expected)) {
    return pass(
      PREFLIGHT_CHECK_IDS.labelShape,
      `${capitalize(labels)} fit the model output ${formatShape(outputShape)} and the ${lossText}.`,
    );
  }

  const fix =
    expectedEncoding === 'sparse'
      ? 'Pass --label-encoding sparse, or --loss categorical-crossentropy to train on one-hot labels.'
      : 'Pass --label-encoding one-hot, or --loss sparse-categorical-crossentropy to train on class ids.';
  return fail(
    PREFLIGHT_CHECK_IDS.labelShape,
    `${capitalize(labels)} vs model output ${formatShape(outputShape)} vs ${lossText}, which ` +
      `expects ${describeEncoding(expectedEncoding)} ${formatShape(expected)}: the labels do not ` +
      `have the shape the loss takes. ${fix}`,
  );
}

/**
 * Compares the loss saved in the model's training config with the label encoding. An explicit
 * `--loss` turns a disagreement into a warning, because the user chose to train otherwise.
 */
export function savedLossCheck(
  saved: SavedLoss | null,
  encoding: LabelEncoding,
  loss: ResolvedLoss,
  numClasses: number,
): CheckRecord {
  const id = PREFLIGHT_CHECK_IDS.savedLoss;
  if (saved === null) {
    return pass(id, 'The model JSON has no training config, so no saved loss was compared.');
  }

  const where = `${saved.name} in ${saved.field} of the model JSON`;
  if (saved.encoding === encoding) {
    return pass(id, `The saved loss ${where} takes ${describeEncoding(encoding)}, as fed.`);
  }

  const overridden = loss.source === 'option';
  const expects =
    saved.encoding === null
      ? `is not a cross-entropy over ${numClasses} classes`
      : `expects ${describeEncoding(saved.encoding)}`;
  const status = overridden ? 'warn' : 'fail';
  const next = overridden
    ? `--loss ${loss.name} overrides it, so training uses that loss.`
    : saved.encoding === null
      ? 'Pass --loss sparse-categorical-crossentropy or --loss categorical-crossentropy to train with a masked cross-entropy instead.'
      : `Pass --label-encoding ${saved.encoding} to train as saved, or --loss with the loss you want.`;
  return {
    id,
    status,
    message:
      `The saved loss ${where} ${expects}, but the labels are fed as ${describeEncoding(encoding)} ` +
      `(--label-encoding ${encoding}). ${next}`,
  };
}

/**
 * Reports a final softmax in front of the loss, which works on logits: `warn` when it is
 * stripped for training, `fail` when `--final-softmax reject` refuses it.
 */
export function finalSoftmaxCheck(found: FinalSoftmax, mode: FinalSoftmaxMode): CheckRecord {
  const id = PREFLIGHT_CHECK_IDS.finalSoftmax;
  if (found.kind === 'none') {
    return pass(id, 'The model output has no final softmax, so the loss receives logits.');
  }

  const what = describeFinalSoftmax(found);
  if (mode === 'reject') {
    return fail(
      id,
      `The model ends with ${what}, and the loss expects logits: cross-entropy on probabilities ` +
        'applies softmax twice. Training stopped (--final-softmax reject). Pass --final-softmax ' +
        'strip to train on the logits in front of it, or export the model without the softmax.',
    );
  }
  return {
    id,
    status: 'warn',
    message:
      `The model ends with ${what}, and the loss expects logits, so training skipped the softmax ` +
      'and computed the loss on its input (--final-softmax strip). The saved checkpoint keeps ' +
      'the softmax, so it still outputs probabilities.',
  };
}

/** Fails when any label is not a class-id image or has ids outside 0..C-1. */
export function labelsCheck(
  problems: readonly LabelProblem[],
  examples: number,
  numClasses: number,
  ignoreIndex: number,
): CheckRecord {
  const id = PREFLIGHT_CHECK_IDS.labels;
  if (problems.length === 0) {
    return pass(
      id,
      `All ${examples} training labels are class-id images with ids 0..${numClasses - 1} or ` +
        `the ignore index ${ignoreIndex}.`,
    );
  }

  const listed = problems
    .slice(0, LISTED_PROBLEMS)
    .map((problem) => `${problem.id} (${problem.detail})`)
    .join(', ');
  const more =
    problems.length > LISTED_PROBLEMS ? ` and ${problems.length - LISTED_PROBLEMS} more` : '';
  return fail(
    id,
    `${problems.length} of ${problems.length + examples} training labels cannot feed the loss: ` +
      `${listed}${more}. Labels must be 8-bit class-id PNGs with ids 0..${numClasses - 1} or ` +
      `${ignoreIndex}; fix --num-classes, or remap ids with --label-map.`,
  );
}

/** Formats a shape as `[4,32,32,21]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

function describeEncoding(encoding: LabelEncoding): string {
  return encoding === 'sparse' ? 'sparse class ids' : 'one-hot rows';
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, index) => size === b[index]);
}

function pass(id: string, message: string): CheckRecord {
  return { id, status: 'pass', message };
}

function fail(id: string, message: string): CheckRecord {
  return { id, status: 'fail', message };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
