import type { CheckRecord } from '../checks/types.js';

/**
 * Sanity checks on the training run itself. Each message is one paragraph with the numbers.
 */

export const TRAINING_CHECK_IDS = {
  firstStep: 'training.loss.first-step',
  finite: 'training.loss.finite',
  weights: 'training.weights.updated',
  overfitProbe: 'training.overfit-probe',
} as const;

/**
 * Checks the mean loss of the first step against `factor * ln C`. A fresh or fine-tuned head
 * gives a per-pixel mean cross-entropy near ln C or below. A value far above it means that the
 * loss is summed rather than averaged, or that the labels do not match the output.
 */
export function firstStepCheck(loss: number, numClasses: number, factor: number): CheckRecord {
  const chance = Math.log(numClasses);
  const limit = factor * chance;
  const numbers =
    `The first step's mean loss is ${formatLoss(loss)}; ln C for C = ${numClasses} classes is ` +
    `${chance.toFixed(4)}, and the limit is ${factor} x ln C = ${limit.toFixed(4)}`;

  if (!Number.isFinite(loss)) {
    return fail(
      TRAINING_CHECK_IDS.firstStep,
      `${numbers}. A non-finite loss before any update comes from the data or the model: ` +
        'non-finite inputs, an output that overflows, or a class weight that is not a number. ' +
        'Training stopped.',
    );
  }
  if (loss > limit) {
    return fail(
      TRAINING_CHECK_IDS.firstStep,
      `${numbers}. A per-pixel mean cross-entropy never starts there; thousands mean a sum or a ` +
        'label mismatch (labels resized bilinearly, ids shifted, the wrong --num-classes or ' +
        'normalisation). Training stopped.',
    );
  }
  return pass(TRAINING_CHECK_IDS.firstStep, `${numbers}.`);
}

/** Fails for the first step whose loss is NaN or infinite. */
export function nonFiniteLossFailure(
  step: number,
  loss: number,
  previous: number | null,
): CheckRecord {
  const before = previous === null ? '' : ` after ${formatLoss(previous)} at step ${step - 1}`;
  return fail(
    TRAINING_CHECK_IDS.finite,
    `The loss became ${formatLoss(loss)} at step ${step}${before}. The weights diverged: lower ` +
      '--learning-rate, check the class weights, or look for non-finite inputs. Training stopped.',
  );
}

/** Passes when every one of `steps` losses was finite. */
export function finiteLossPass(steps: number): CheckRecord {
  return pass(TRAINING_CHECK_IDS.finite, `All ${steps} step losses were finite.`);
}

/** Fails for a step after which no trainable weight changed. */
export function unchangedWeightsFailure(
  step: number,
  variables: number,
  learningRate: number,
): CheckRecord {
  return fail(
    TRAINING_CHECK_IDS.weights,
    `None of the ${variables} trainable variables changed in step ${step} (largest change 0, ` +
      `learning rate ${learningRate}). The optimizer applied no update: a learning rate of 0, ` +
      'frozen layers (trainable false), or a batch whose pixels are all at the ignore index. ' +
      'Training stopped.',
  );
}

/** Passes with the smallest per-step weight change that was seen. */
export function updatedWeightsPass(
  steps: number,
  variables: number,
  smallestChange: number,
): CheckRecord {
  return pass(
    TRAINING_CHECK_IDS.weights,
    `The ${variables} trainable variables changed in each of the ${steps} steps; the smallest ` +
      `largest-absolute change of a step was ${smallestChange.toExponential(2)}.`,
  );
}

/**
 * Checks that the loss fell while training on one repeated batch: it fails unless the last loss
 * is below the first. Such a batch can be memorised, so a loss that does not fall means the
 * gradients do not reach the weights or the labels do not belong to the images.
 */
export function overfitProbeCheck(losses: readonly number[], ids: readonly string[]): CheckRecord {
  const first = losses[0] ?? Number.NaN;
  const last = losses[losses.length - 1] ?? Number.NaN;
  const numbers =
    `Over ${losses.length} steps on one repeated batch (${ids.join(', ')}) the loss went from ` +
    `${formatLoss(first)} to ${formatLoss(last)}`;

  if (Number.isFinite(last) && last < first) {
    const drop = ((first - last) / first) * 100;
    return pass(TRAINING_CHECK_IDS.overfitProbe, `${numbers} (${drop.toFixed(1)}% lower).`);
  }
  return fail(
    TRAINING_CHECK_IDS.overfitProbe,
    `${numbers}, so it did not fall. A network that cannot lower the loss on one batch it sees ` +
      'again and again has gradients that do not reach its weights, a learning rate that is 0 or ' +
      'far too high, or labels that do not belong to the images. The weights were restored ' +
      'after the probe.',
  );
}

/** Formats a loss with 4 decimals, or as NaN and Infinity. */
export function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toFixed(4) : String(loss);
}

function pass(id: string, message: string): CheckRecord {
  return { id, status: 'pass', message };
}

function fail(id: string, message: string): CheckRecord {
  return { id, status: 'fail', message };
}
