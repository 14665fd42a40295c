import { DEVICES } from '../config/settings.js';
import type { Device } from '../config/settings.js';
import { invalidOption, UsageError } from '../errors.js';
import {
  DEFAULT_CACHE_TIMEOUT_SECONDS,
  DEFAULT_OVERLAYS,
  ENGINE_VALUE_INPUTS,
  Input,
  TRAINING_VALUE_INPUTS,
} from './constants.js';
import type { EngineValueInput, TrainingValueInput } from './constants.js';

/** Largest `cache-timeout`, in seconds: one hour. */
export const MAX_CACHE_TIMEOUT_SECONDS = 3600;

/** Largest `overlays` count; the overlay collector keeps this many masks in memory. */
export const MAX_OVERLAYS = 100;

/** The training inputs: present when `train-steps` is set, so the action runs `seg-gate train`. */
export interface TrainingInputs {
  /** Optimizer steps, an integer of at least 1. */
  readonly steps: number;
  /** Training inputs passed to the engine as `--<name> <value>`, only those that were set. */
  readonly values: ReadonlyMap<TrainingValueInput, string>;
}

/** The action's inputs, validated, with defaults filled in. */
export interface ActionInputs {
  /** Inputs passed to the engine as `--<name> <value>`, only those that were set (trimmed). */
  readonly engineValues: ReadonlyMap<EngineValueInput, string>;
  readonly skipMissing: boolean;
  /** The `baseline` input: a baseline report file given by the workflow. */
  readonly baselineFile: string | null;
  /** The `baseline-key` input: the namespace of cached baselines. */
  readonly baselineKey: string | null;
  /** Deadline of each cache call, in milliseconds. */
  readonly cacheTimeoutMs: number;
  /** Worst images to draw as overlays; 0 turns overlays off. */
  readonly overlays: number;
  readonly workingDirectory: string | null;
  /** The `device` input, or `cpu` when it is not set. */
  readonly device: Device;
  /** The training inputs, or null when `train-steps` is not set and the action evaluates. */
  readonly training: TrainingInputs | null;
}

/** Reads an input by name and returns its value, `''` when it is not set. */
export type InputReader = (name: string) => string;

/**
 * Reads and validates every input. Values are trimmed and an empty value counts as not set.
 * Throws a UsageError naming the input when a value the action itself uses is out of range.
 * Values passed through to the engine are validated by the engine.
 */
export function readActionInputs(read: InputReader): ActionInputs {
  const engineValues = new Map<EngineValueInput, string>();
  for (const name of ENGINE_VALUE_INPUTS) {
    const value = optional(read, name);
    if (value !== null) {
      engineValues.set(name, value);
    }
  }

  return {
    engineValues,
    skipMissing: readBoolean(read, Input.skipMissing),
    baselineFile: optional(read, Input.baseline),
    baselineKey: optional(read, Input.baselineKey),
    cacheTimeoutMs: readCacheTimeout(read) * 1000,
    overlays: readOverlays(read),
    workingDirectory: optional(read, Input.workingDirectory),
    device: readDevice(engineValues.get('device')),
    training: readTraining(read, engineValues),
  };
}

function optional(read: InputReader, name: string): string | null {
  const value = read(name).trim();
  return value === '' ? null : value;
}

/** Parses a boolean the way `core.getBooleanInput` does (YAML 1.2 core schema), empty is false. */
function readBoolean(read: InputReader, name: string): boolean {
  const value = optional(read, name);
  if (value === null) {
    return false;
  }
  if (['true', 'True', 'TRUE'].includes(value)) {
    return true;
  }
  if (['false', 'False', 'FALSE'].includes(value)) {
    return false;
  }
  throw invalidOption(`input "${name}"`, 'true or false', value);
}

function readCacheTimeout(read: InputReader): number {
  const value = optional(read, Input.cacheTimeout);
  if (value === null) {
    return DEFAULT_CACHE_TIMEOUT_SECONDS;
  }
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_CACHE_TIMEOUT_SECONDS) {
    throw invalidOption(
      `input "${Input.cacheTimeout}"`,
      `seconds greater than 0 and at most ${MAX_CACHE_TIMEOUT_SECONDS}`,
      value,
    );
  }
  return seconds;
}

function readOverlays(read: InputReader): number {
  const value = optional(read, Input.overlays);
  if (value === null) {
    return DEFAULT_OVERLAYS;
  }
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > MAX_OVERLAYS) {
    throw invalidOption(`input "${Input.overlays}"`, `an integer from 0 to ${MAX_OVERLAYS}`, value);
  }
  return count;
}

/**
 * Reads `train-steps` and the training inputs. Training inputs without `train-steps`, and
 * `predictions` with it, are usage errors: `seg-gate evaluate` has no training options, and
 * `seg-gate train` needs a model to start from.
 */
function readTraining(
  read: InputReader,
  engineValues: ReadonlyMap<EngineValueInput, string>,
): TrainingInputs | null {
  const values = new Map<TrainingValueInput, string>();
  for (const name of TRAINING_VALUE_INPUTS) {
    const value = optional(read, name);
    if (value !== null) {
      values.set(name, value);
    }
  }

  const stepsText = optional(read, Input.trainSteps);
  if (stepsText === null) {
    if (values.size > 0) {
      const names = [...values.keys()].map((name) => `"${name}"`).join(', ');
      const noun = values.size === 1 ? 'input' : 'inputs';
      throw new UsageError(
        `${noun} ${names} set without "${Input.trainSteps}": training inputs apply only to a ` +
          `training run. Set "${Input.trainSteps}" to train, or remove them to evaluate.`,
      );
    }
    return null;
  }

  const steps = Number(stepsText);
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw invalidOption(`input "${Input.trainSteps}"`, 'an integer of at least 1', stepsText);
  }
  if (engineValues.has('predictions')) {
    throw new UsageError(
      `input "predictions" set with "${Input.trainSteps}": training starts from a TensorFlow.js ` +
        'layers model. Set "model" to its model.json, or remove "train-steps" to score the ' +
        'prediction folder.',
    );
  }
  return { steps, values };
}

function readDevice(value: string | undefined): Device {
  if (value === undefined) {
    return 'cpu';
  }
  const device = DEVICES.find((candidate) => candidate === value);
  if (device === undefined) {
    throw invalidOption('input "device"', DEVICES.join(' or '), value);
  }
  return device;
}
