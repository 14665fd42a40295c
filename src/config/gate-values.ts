/**
 * Parsers for the gate settings that are maps rather than single values: check levels by check id
 * (`--checks` and `checks`) and per-class thresholds by class name (`classThresholds`).
 */
import type { ClassThreshold } from '../checks/defaults.js';
import { CHECK_IDS, isCheckId } from '../checks/ids.js';
import { CHECK_LEVELS, validateCheckLevels, type CheckLevels } from '../checks/levels.js';
import { invalidOption, UsageError } from '../errors.js';
import { relabelError } from './relabel.js';

const LEVEL_PAIR = /^([^\s=]+)\s*=\s*(\S*)$/;
const LEVEL_PAIRS_EXPECTED =
  'comma-separated ID=LEVEL pairs with LEVEL off, warn or fail, for example ' +
  'collapse.per-image=warn,threshold.miou=off';

/**
 * Parses `--checks` text such as `collapse.per-image=warn,threshold.miou=off` into check levels.
 * Throws a UsageError naming `option` for a malformed pair, an id listed twice, an unknown check id
 * (listing the known ones) or an unknown level.
 */
export function parseCheckLevelsText(raw: string, option: string): CheckLevels {
  const levels: Record<string, string> = {};

  for (const token of raw.split(',').map((part) => part.trim())) {
    const match = LEVEL_PAIR.exec(token);
    if (match === null) {
      throw invalidOption(option, LEVEL_PAIRS_EXPECTED, token);
    }

    const [, id = '', level = ''] = match;
    if (Object.hasOwn(levels, id)) {
      throw invalidOption(option, `${LEVEL_PAIRS_EXPECTED}; ${id} is listed twice`, token);
    }
    levels[id] = level;
  }
  return toCheckLevels(levels, option);
}

/**
 * Converts the `checks` map of a config file, already checked by the config schema, into check
 * levels. Throws like `parseCheckLevelsText`.
 */
export function parseCheckLevelsConfig(value: unknown, option: string): CheckLevels {
  if (!isRecord(value)) {
    throw new Error(`${option} is not an object. Check the config schema.`);
  }
  return toCheckLevels(value, option);
}

/**
 * Converts the `classThresholds` map of a config file, already checked by the config schema. The
 * class names are checked later, against the class names of the run. Null exempts a class from
 * the global minimum, and an absent key applies the global minimum.
 */
export function parseClassThresholdsConfig(
  value: unknown,
  option: string,
): Readonly<Record<string, ClassThreshold>> {
  if (!isRecord(value)) {
    throw new Error(`${option} is not an object. Check the config schema.`);
  }

  const thresholds: Record<string, ClassThreshold> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!isRecord(entry)) {
      throw new Error(`${option} has a ${typeof entry} for ${name}. Check the config schema.`);
    }
    thresholds[name] = {
      ...optionalMinimum(entry, 'minIou', `${name}.minIou in ${option}`),
      ...optionalMinimum(entry, 'minRecall', `${name}.minRecall in ${option}`),
    };
  }
  return thresholds;
}

function toCheckLevels(levels: Readonly<Record<string, unknown>>, option: string): CheckLevels {
  for (const [id, level] of Object.entries(levels)) {
    if (!isCheckId(id)) {
      throw new UsageError(
        `Unknown check id ${JSON.stringify(id)} in ${option}. ` +
          `Known check ids: ${CHECK_IDS.join(', ')}.`,
      );
    }
    if (!CHECK_LEVELS.some((known) => known === level)) {
      const expected = `one of ${CHECK_LEVELS.join(', ')} as the level of ${id}`;
      throw invalidOption(option, expected, level);
    }
  }

  // The loop above already rejects what validateCheckLevels rejects, with the option named. The
  // call keeps the checks module as the authority on valid levels.
  try {
    return validateCheckLevels(levels);
  } catch (error) {
    throw relabelError(error, { 'the check levels': option });
  }
}

function optionalMinimum(
  entry: Readonly<Record<string, unknown>>,
  key: 'minIou' | 'minRecall',
  label: string,
): ClassThreshold {
  const value = entry[key];
  if (value === undefined) {
    return {};
  }
  if (value !== null && typeof value !== 'number') {
    throw new Error(
      `${label} is a ${typeof value}, expected a number or null. Check the config schema.`,
    );
  }
  return { [key]: value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
