/**
 * Merging of config-file values and command-line values: the command line wins key by key, and a
 * command-line choice between alternatives (for example `--images` over `data`) drops the config
 * file's keys of the other alternatives.
 */
import { UsageError } from '../errors.js';
import {
  settingLabel,
  type Origin,
  type SettingTable,
  type SourcedValues,
} from './setting-spec.js';

/** Keys that pick one of several alternatives. One source may set keys of only one of them. */
export interface ExclusiveGroup<V> {
  readonly alternatives: readonly (readonly (keyof V)[])[];
  /** How to resolve a conflict, printed after the two conflicting settings. */
  readonly rule: string;
}

/** Returns the config values overridden by the command-line values. */
export function mergeSettingValues<V>(
  config: SourcedValues<V>,
  cli: SourcedValues<V>,
  groups: readonly ExclusiveGroup<V>[],
): SourcedValues<V> {
  const merged: SourcedValues<V> = { ...config };

  for (const group of groups) {
    const chosen = group.alternatives.filter((keys) => keys.some((key) => cli[key] !== undefined));
    for (const other of group.alternatives) {
      if (chosen.length > 0 && !chosen.includes(other)) {
        for (const key of other) {
          delete merged[key];
        }
      }
    }
  }

  for (const key of Object.keys(cli) as (keyof V)[]) {
    merged[key] = cli[key];
  }
  return merged;
}

/** Throws a UsageError naming both settings when keys of two alternatives of a group are set. */
export function checkExclusiveGroups<V>(
  values: SourcedValues<V>,
  groups: readonly ExclusiveGroup<V>[],
  table: SettingTable<V>,
): void {
  for (const group of groups) {
    const setKeys = group.alternatives.map((keys) => keys.find((key) => values[key] !== undefined));
    const conflict = setKeys.filter((key) => key !== undefined);
    if (conflict.length < 2) {
      continue;
    }

    const [first, second] = conflict;
    if (first !== undefined && second !== undefined) {
      throw new UsageError(
        `${describePair(values, table, first, second)} cannot be used together: ${group.rule}`,
      );
    }
  }
}

/** Names two settings, giving a shared config file only once. */
function describePair<V>(
  values: SourcedValues<V>,
  table: SettingTable<V>,
  first: keyof V,
  second: keyof V,
): string {
  const firstOrigin = values[first]?.origin;
  const secondOrigin = values[second]?.origin;
  if (firstOrigin?.kind === 'config' && secondOrigin?.kind === 'config') {
    if (firstOrigin.path === secondOrigin.path) {
      const keys = `${table[first].configKey} and ${table[second].configKey}`;
      return `${keys} in ${firstOrigin.path}`;
    }
  }
  return `${labelOf(table, first, firstOrigin)} and ${labelOf(table, second, secondOrigin)}`;
}

function labelOf<V>(table: SettingTable<V>, key: keyof V, origin: Origin | undefined): string {
  return settingLabel(table[key], origin ?? { kind: 'default' });
}
