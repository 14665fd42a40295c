import { UsageError, invalidOption } from '../errors.js';
import { CHECK_IDS, isCheckId, type CheckId } from './ids.js';
import type { CheckRecord } from './types.js';

/**
 * How much a check may affect the verdict:
 * - `fail` (the default): the check reports its own status.
 * - `warn`: a `fail` is reported as `warn`, so the check cannot fail the gate.
 * - `off`: the check is reported as `skip`, with the message it would have had.
 */
export const CHECK_LEVELS = ['off', 'warn', 'fail'] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];

/** Check levels by check id; ids that are not listed keep the level `fail`. */
export type CheckLevels = Readonly<Partial<Record<CheckId, CheckLevel>>>;

/**
 * Validates a check-level map as read from a config file. Throws a `UsageError` for an id that is
 * not in {@link CHECK_IDS} (listing the known ids) or a level other than `off`, `warn`, `fail`.
 */
export function validateCheckLevels(levels: Readonly<Record<string, unknown>>): CheckLevels {
  const unknown = Object.keys(levels).filter((id) => !isCheckId(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown check id${unknown.length === 1 ? '' : 's'} in the check levels: ${unknown
        .map((id) => JSON.stringify(id))
        .join(', ')}. Known check ids: ${CHECK_IDS.join(', ')}.`,
    );
  }

  for (const [id, level] of Object.entries(levels)) {
    if (!CHECK_LEVELS.includes(level as CheckLevel)) {
      throw invalidOption(`the level of ${id}`, CHECK_LEVELS.join(', '), level);
    }
  }
  return levels as CheckLevels;
}

/**
 * Applies check levels to check records and returns new records in the same order. Throws like
 * {@link validateCheckLevels} for an invalid map. A check with level `off` stays in the list as
 * `skip`, so the report shows that it was disabled and what it found.
 */
export function applyLevels(
  checks: readonly CheckRecord[],
  levels: Readonly<Record<string, unknown>>,
): CheckRecord[] {
  const valid = validateCheckLevels(levels);
  return checks.map((check) => {
    const level = isCheckId(check.id) ? valid[check.id] : undefined;
    return level === undefined ? check : applyLevel(check, level);
  });
}

function applyLevel(check: CheckRecord, level: CheckLevel): CheckRecord {
  switch (level) {
    case 'fail':
      return check;
    case 'warn':
      if (check.status !== 'fail') {
        return check;
      }
      return {
        ...check,
        status: 'warn',
        message: `${check.message} Reported as a warning because its level is set to warn (checks: in the config or --checks).`,
      };
    case 'off':
      return {
        ...check,
        status: 'skip',
        message: `Disabled by its level off (checks: in the config or --checks), so it does not affect the verdict. Without the override it would report ${check.status}: ${check.message}`,
      };
  }
}
