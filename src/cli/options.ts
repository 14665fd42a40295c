/**
 * Commander options built from a settings table, and the parsed command-line values read back
 * from them. Commander only collects text; every value is parsed by the table, so command-line
 * and config values go through the same checks.
 */
import { Option, type Command, type OptionValues } from 'commander';

import type { SettingTable, SourcedValues } from '../config/setting-spec.js';

/**
 * Adds one commander option per table entry that has a flag, plus `--no-<flag>` for switches.
 * Entries without a flag can only be set in a config file.
 */
export function addSettingOptions<V>(command: Command, table: SettingTable<V>): void {
  for (const spec of Object.values(table) as SettingTable<V>[keyof V][]) {
    const flag = spec.flag;
    if (flag === null) {
      continue;
    }

    const flags = spec.valueName === null ? flag : `${flag} ${spec.valueName}`;
    command.addOption(new Option(flags, spec.help).helpGroup(spec.helpGroup));

    if (spec.negatedHelp !== null) {
      const negated = flag.replace(/^--/, '--no-');
      command.addOption(new Option(negated, spec.negatedHelp).helpGroup(spec.helpGroup));
    }
  }
}

/**
 * Parses the option values that commander collected. Relative paths resolve against `cwd`;
 * options not given on the command line are absent from the result.
 */
export function readCliValues<V>(
  options: OptionValues,
  table: SettingTable<V>,
  cwd: string,
): SourcedValues<V> {
  const values: SourcedValues<V> = {};

  for (const key of Object.keys(table) as (keyof V & string)[]) {
    const raw: unknown = options[key];
    if (raw === undefined) {
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'boolean') {
      throw new Error(`commander returned a ${typeof raw} for ${key}; expected text or a switch`);
    }

    const spec = table[key];
    if (spec.flag === null) {
      throw new Error(`commander returned a value for ${key}, which has no flag`);
    }
    const value = spec.parseCli(raw, { base: cwd, label: spec.flag });
    values[key] = { value, origin: { kind: 'cli' } };
  }
  return values;
}
