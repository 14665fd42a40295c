import * as tf from '@tensorflow/tfjs-core';

import { UsageError, errorMessage } from '../../errors.js';
import type { Logger } from '../../pipeline/logger.js';
import { defaultBackendCandidates } from './backend-candidates.js';
import { isModuleNotFound, removeRegisteredBackend } from './registry.js';
import type { TfjsNodeModule } from './tfjs-node.js';

/** TensorFlow.js backends in the order they are tried when `--backend` is not given. */
export const TFJS_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type TfjsBackendName = (typeof TFJS_BACKENDS)[number];

/** Result of a candidate's `prepare`, once its backend factory is registered with TensorFlow.js. */
export interface PreparedBackend {
  /** Origin of the backend for the log and the report: a package name or a folder. */
  readonly source: string;
  /** The loaded `@tensorflow/tfjs-node(-gpu)` module; set only by the `tensorflow` candidate. */
  readonly tfjsNode?: TfjsNodeModule;
}

/** One backend that selection can try. */
export interface BackendCandidate {
  /** Backend name in the TensorFlow.js registry, for example `wasm`. */
  readonly name: string;
  /**
   * Registers the backend factory (by importing its package, for example) without initialising
   * it. Throws with the reason when the backend is not available. An error whose `code` is
   * `MODULE_NOT_FOUND` or `ERR_MODULE_NOT_FOUND` means "not installed", so it is logged at debug
   * level only.
   */
  prepare(): Promise<PreparedBackend>;
}

/** One backend that selection tried and gave up on. */
export interface BackendAttempt {
  readonly name: string;
  readonly reason: string;
}

/** The backend in use after selection. */
export interface BackendSelection {
  readonly name: string;
  readonly source: string;
  /** Backends tried before this one, with the reason each was skipped. */
  readonly skipped: readonly BackendAttempt[];
  readonly tfjsNode: TfjsNodeModule | null;
}

export interface SelectBackendOptions {
  /** The `--backend` value; null tries `tensorflow`, then `wasm`, then `cpu`. */
  readonly requested: TfjsBackendName | null;
  readonly logger: Logger;
  /** Candidates in order of preference; the default covers the three backends above. */
  readonly candidates?: readonly BackendCandidate[];
}

/**
 * Selects and initialises the TensorFlow.js backend. Each candidate is registered, set with
 * `tf.setBackend` (false means its initialisation failed) and checked with a small matrix product.
 * A candidate that fails is removed from the registry with `tf.removeBackend` before the next is
 * tried, so a half-registered backend cannot be picked up later by `tf.ready()`.
 *
 * With `requested` set, only that backend is tried and its failure throws a UsageError with the
 * reason. Without it, the first backend that works is used, and a UsageError lists every reason
 * when none works. The chosen backend is logged at info level.
 *
 * The backend is process-wide state of TensorFlow.js: the last selection applies to every model.
 */
export async function selectBackend(options: SelectBackendOptions): Promise<BackendSelection> {
  const all = options.candidates ?? defaultBackendCandidates();
  const candidates = options.requested
    ? all.filter((candidate) => candidate.name === options.requested)
    : all;
  if (candidates.length === 0) {
    throw new UsageError(`No TensorFlow.js backend candidate is named ${options.requested}.`);
  }

  const skipped: BackendAttempt[] = [];
  for (const candidate of candidates) {
    const outcome = await tryCandidate(candidate, options.logger);
    if (outcome.kind === 'ready') {
      const selection = { ...outcome.selection, skipped };
      logSelection(selection, options.logger);
      return selection;
    }
    skipped.push({ name: candidate.name, reason: outcome.reason });
  }

  throw noBackendError(skipped, options.requested);
}

type CandidateOutcome =
  | { readonly kind: 'ready'; readonly selection: Omit<BackendSelection, 'skipped'> }
  | { readonly kind: 'failed'; readonly reason: string };

async function tryCandidate(
  candidate: BackendCandidate,
  logger: Logger,
): Promise<CandidateOutcome> {
  let prepared: PreparedBackend;
  try {
    prepared = await candidate.prepare();
  } catch (error) {
    removeRegisteredBackend(candidate.name);
    const reason = errorMessage(error);
    if (isModuleNotFound(error)) {
      logger.debug(`TensorFlow.js backend ${candidate.name} is not available: ${reason}`);
    } else {
      logger.warn(`TensorFlow.js backend ${candidate.name} failed to load: ${reason}`);
    }
    return { kind: 'failed', reason };
  }

  const failure = await initialiseBackend(candidate.name);
  if (failure !== null) {
    removeRegisteredBackend(candidate.name);
    logger.warn(`TensorFlow.js backend ${candidate.name} failed to initialise: ${failure}`);
    return { kind: 'failed', reason: failure };
  }

  return {
    kind: 'ready',
    selection: {
      name: candidate.name,
      source: prepared.source,
      tfjsNode: prepared.tfjsNode ?? null,
    },
  };
}

/**
 * Sets the backend and runs a 2x2 by 2x1 matrix product on it. Returns null when the product is
 * [17, 39], otherwise the reason it failed. TensorFlow.js reports initialisation errors only
 * through `console.warn`, so those lines are captured and become the reason.
 */
async function initialiseBackend(name: string): Promise<string | null> {
  const { result, warnings } = await captureConsoleWarnings(async () => {
    if (tf.findBackendFactory(name) == null) {
      return `no backend named ${name} is registered with TensorFlow.js`;
    }
    if (!(await tf.setBackend(name))) {
      return `tf.setBackend('${name}') returned false`;
    }
    return checkMatrixProduct();
  });

  if (result === null) {
    return null;
  }
  return warnings.length > 0 ? `${result}: ${warnings.join(' ')}` : result;
}

async function checkMatrixProduct(): Promise<string | null> {
  try {
    const product = tf.tidy(() =>
      tf.matMul(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor2d([[5], [6]]),
      ),
    );
    const values = Array.from(await product.data());
    product.dispose();
    if (values[0] !== 17 || values[1] !== 39) {
      return `a test matrix product gave [${values.join(', ')}] instead of [17, 39]`;
    }
    return null;
  } catch (error) {
    return `a test matrix product failed: ${errorMessage(error)}`;
  }
}

async function captureConsoleWarnings<T>(
  run: () => Promise<T>,
): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...parts: unknown[]) => {
    warnings.push(parts.map((part) => firstLine(String(part))).join(' '));
  };
  try {
    return { result: await run(), warnings };
  } finally {
    console.warn = original;
  }
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

function logSelection(selection: BackendSelection, logger: Logger): void {
  logger.info(`TensorFlow.js backend: ${selection.name} (${selection.source})`);
}

function noBackendError(
  skipped: readonly BackendAttempt[],
  requested: TfjsBackendName | null,
): UsageError {
  const reasons = skipped.map((attempt) => `${attempt.name}: ${attempt.reason}`).join('; ');
  if (requested) {
    const others = TFJS_BACKENDS.filter((name) => name !== requested).join(' or ');
    return new UsageError(
      `TensorFlow.js backend ${requested} (--backend ${requested}) is not available: ${reasons}. ` +
        `Fix the cause above, or pass --backend ${others}, or omit --backend to use the first ` +
        'backend that works.',
    );
  }
  return new UsageError(
    `No TensorFlow.js backend could be initialised (${reasons}). Reinstall the project ` +
      'dependencies so that @tensorflow/tfjs-backend-cpu is present.',
  );
}
