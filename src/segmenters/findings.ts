import type { ContractFinding } from '../checks/types.js';

/**
 * Builds the model-wide finding for an input whose layout the shape does not decide. `subject` is
 * the model path.
 */
export function layoutFinding(subject: string, reason: string): ContractFinding {
  return {
    source: 'model',
    kind: 'layout',
    subject,
    detail: `${reason}; pass --layout nhwc or --layout nchw`,
  };
}

/**
 * Builds the model-wide finding for an output whose channel count differs from `--num-classes`,
 * with the likely cause. Example detail: `output [1,257,257,20] has 20 channels but --num-classes
 * is 21: a head trained without background, or the wrong --num-classes`.
 */
export function channelsFinding(
  subject: string,
  shape: string,
  channels: number,
  numClasses: number,
): ContractFinding {
  return {
    source: 'model',
    kind: 'channels',
    subject,
    detail:
      `output ${shape} has ${channels} channel${channels === 1 ? '' : 's'} ` +
      `but --num-classes is ${numClasses}: ${channelsCause(channels, numClasses)}`,
  };
}

/** Builds a finding for a model output that cannot be decoded into class ids. */
export function outputFinding(
  subject: string,
  detail: string,
  values?: ReadonlyMap<number, number>,
): ContractFinding {
  return values
    ? { source: 'model', kind: 'output', subject, detail, values }
    : {
        source: 'model',
        kind: 'output',
        subject,
        detail,
      };
}

function channelsCause(channels: number, numClasses: number): string {
  if (channels === 1) {
    return 'a single channel is read as the probability of class 1 only with --num-classes 2';
  }
  if (channels === numClasses - 1) {
    return 'a head trained without background, or the wrong --num-classes';
  }
  if (channels > numClasses) {
    return 'a head trained on more classes (another dataset), or the wrong --num-classes';
  }
  return 'a head trained for another class count, or the wrong --num-classes';
}
