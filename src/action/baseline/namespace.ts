import { createHash } from 'node:crypto';

import { CACHE_KEY_PREFIX } from '../constants.js';
import type { EngineValueInput } from '../constants.js';
import type { ActionInputs } from '../inputs.js';

/**
 * Inputs that name which model is gated on which data. Their values, as written in the workflow,
 * name a gate's baselines when `baseline-key` is not set.
 */
const IDENTITY_INPUTS: readonly EngineValueInput[] = [
  'model',
  'predictions',
  'config',
  'data',
  'images',
  'labels',
  'split',
  'ids',
  'limit',
  'num-classes',
  'class-names',
  'ignore-index',
  'label-map',
];

/** Cache namespace in which one gate keeps its baselines. */
export interface BaselineNamespace {
  /** Key prefix without the trailing `-`; every entry key is `<namespace>-<commit sha>`. */
  readonly namespace: string;
  /** Origin of the namespace, for logs and the summary. */
  readonly source: string;
}

/**
 * Derives the baseline namespace: `seg-gate-baseline-v1-` and 16 hex digits of a sha256. The hash
 * covers the `baseline-key` input, or without it the model (or predictions) path and the inputs
 * that define the dataset. Paths are taken as written in the workflow, so every runner derives the
 * same name.
 * The digits have a fixed length, so the prefix of one namespace never matches another's keys.
 *
 * The dataset's content fingerprint is only known after the evaluation; the engine compares the
 * baseline's fingerprint with its own and skips regression checks when they differ.
 */
export function baselineNamespace(inputs: ActionInputs): BaselineNamespace {
  const source = inputs.baselineKey ?? describeIdentity(inputs);
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return { namespace: `${CACHE_KEY_PREFIX}-baseline-v1-${digest}`, source };
}

function describeIdentity(inputs: ActionInputs): string {
  const parts: string[] = [];
  if (inputs.workingDirectory !== null) {
    parts.push(`working-directory=${inputs.workingDirectory}`);
  }
  for (const name of IDENTITY_INPUTS) {
    const value = inputs.engineValues.get(name);
    if (value !== undefined) {
      parts.push(`${name}=${value}`);
    }
  }
  return parts.join(' ');
}
