/**
 * Building blocks for option tables: one spec per setting contains its command-line flag, help
 * text and parsers for command-line text and config-file values. The config key of a setting is the
 * camelCase form of its flag (`--num-classes` is `numClasses`), which is also the attribute name
 * that commander gives the option.
 */
import type { CheckLevels } from '../checks/levels.js';
import type { ClassThreshold } from '../checks/defaults.js';
import { parseClassNamesText, type ClassNamesSource } from './class-names.js';
import {
  parseCheckLevelsConfig,
  parseCheckLevelsText,
  parseClassThresholdsConfig,
} from './gate-values.js';
import type { Size } from './settings.js';
import {
  checkNumberInRange,
  parseEnumText,
  parseIntegerText,
  parseNumberText,
  parsePathText,
  parseSizeText,
  type NumberRange,
} from './values.js';

/** Source of a setting's value. */
export type Origin =
  | { readonly kind: 'cli' }
  | { readonly kind: 'config'; readonly path: string }
  | { readonly kind: 'default' };

/** A parsed value with its origin, so messages can name the flag or the config key. */
export interface Sourced<T> {
  readonly value: T;
  readonly origin: Origin;
}

/** Context that a parser needs besides the value. */
export interface ParseContext {
  /** Folder that relative paths resolve against: the working folder or the config file's folder. */
  readonly base: string;
  /** Name of the setting in messages: `--num-classes`, or `numClasses in /path/seg-gate.yml`. */
  readonly label: string;
}

/** The value domain of a setting, which the config schema must match (a test compares them). */
export type SettingDomain =
  | { readonly type: 'integer'; readonly minimum: number; readonly maximum: number }
  | ({ readonly type: 'number' } & NumberRange)
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'path'; readonly target: 'file' | 'folder' }
  | { readonly type: 'text'; readonly pattern: RegExp }
  | { readonly type: 'size' }
  | { readonly type: 'classNames' }
  | { readonly type: 'checkLevels' }
  | { readonly type: 'classThresholds' }
  | { readonly type: 'switch' };

/** Heading under which `--help` lists an option. */
export type HelpGroup =
  | 'Dataset options:'
  | 'Model options:'
  | 'Class options:'
  | 'Model input options:'
  | 'Gate options:'
  | 'Output options:'
  | 'Training options:';

/** One setting: its config key, flag, help text, domain and parsers. */
export interface SettingSpec<T> {
  /** Key in the config file and in the option table, for example `numClasses`. */
  readonly configKey: string;
  /** Long flag, for example `--num-classes`, or null for a key that only a config file can set. */
  readonly flag: `--${string}` | null;
  /** Value placeholder shown in help, for example `<n>`, or null for a switch. */
  readonly valueName: string | null;
  /** Help text: what the option sets, its unit and its default. */
  readonly help: string;
  /** Help text of the `--no-` form that turns a switch off again, or null for value options. */
  readonly negatedHelp: string | null;
  readonly helpGroup: HelpGroup;
  readonly domain: SettingDomain;
  /** Parses the command-line value: text, or `true`/`false` for a switch. Unused without a flag. */
  parseCli(raw: string | boolean, context: ParseContext): T;
  /** Converts a config value that already passed the config schema. */
  parseConfig(value: unknown, context: ParseContext): T;
}

/**
 * A complete option table for a settings interface `V`: every key of `V` needs a spec, so a new
 * setting cannot be added to the interface without its flag, help text and parsers.
 */
export type SettingTable<V> = { readonly [K in keyof V]-?: SettingSpec<V[K]> };

/** Values read from one source (command line or config file). Unset keys are absent. */
export type SourcedValues<V> = { -readonly [K in keyof V]?: Sourced<V[K]> };

interface SpecText {
  readonly flag: `--${string}`;
  readonly help: string;
  readonly helpGroup: HelpGroup;
}

interface ValueSpecText extends SpecText {
  readonly valueName: string;
}

/** Creates an integer setting with values in `minimum..maximum`. */
export function integerSetting(
  text: ValueSpecText & { readonly minimum: number; readonly maximum: number },
): SettingSpec<number> {
  const { minimum, maximum } = text;
  return {
    ...valueText(text),
    domain: { type: 'integer', minimum, maximum },
    parseCli: (raw, context) =>
      parseIntegerText(expectString(raw, context), context.label, minimum, maximum),
    parseConfig: (value, context) => expectNumber(value, context),
  };
}

/**
 * Creates a decimal setting in `range`, such as a fraction in [0, 1]. The command line takes plain
 * decimal text (`0.5`, `.5`, `1e-3`), and a config file a JSON or YAML number.
 */
export function numberSetting(
  text: ValueSpecText & { readonly range: NumberRange },
): SettingSpec<number> {
  const { range } = text;
  return {
    ...valueText(text),
    domain: { type: 'number', ...range },
    parseCli: (raw, context) => parseNumberText(expectString(raw, context), context.label, range),
    parseConfig: (value, context) =>
      checkNumberInRange(expectNumber(value, context), context.label, range),
  };
}

/** Creates a setting that takes one of a fixed list of words. */
export function enumSetting<T extends string>(
  text: ValueSpecText & { readonly values: readonly T[] },
): SettingSpec<T> {
  const { values } = text;
  return {
    ...valueText(text),
    domain: { type: 'enum', values },
    parseCli: (raw, context) => parseEnumText(expectString(raw, context), context.label, values),
    parseConfig: (value, context) =>
      parseEnumText(expectString(value, context), context.label, values),
  };
}

/** Creates a path setting, resolved against the working folder or the config file's folder. */
export function pathSetting(
  text: ValueSpecText & { readonly target: 'file' | 'folder' },
): SettingSpec<string> {
  const { target } = text;
  const parse = (raw: string, context: ParseContext): string =>
    parsePathText(raw, context.label, target, context.base);
  return {
    ...valueText(text),
    domain: { type: 'path', target },
    parseCli: (raw, context) => parse(expectString(raw, context), context),
    parseConfig: (value, context) => parse(expectString(value, context), context),
  };
}

/**
 * Creates a text setting that must match `pattern`. `parse` builds the error for text that does
 * not match.
 */
export function textSetting(
  text: ValueSpecText & {
    readonly pattern: RegExp;
    readonly parse: (raw: string, option: string) => string;
  },
): SettingSpec<string> {
  const { pattern, parse } = text;
  return {
    ...valueText(text),
    domain: { type: 'text', pattern },
    parseCli: (raw, context) => parse(expectString(raw, context), context.label),
    parseConfig: (value, context) => parse(expectString(value, context), context.label),
  };
}

/** Creates a `WIDTHxHEIGHT` size setting in pixels. Config files give it as the same string. */
export function sizeSetting(text: ValueSpecText): SettingSpec<Size> {
  return {
    ...valueText(text),
    domain: { type: 'size' },
    parseCli: (raw, context) => parseSizeText(expectString(raw, context), context.label),
    parseConfig: (value, context) => parseSizeText(expectString(value, context), context.label),
  };
}

/**
 * Creates the class names setting: `a,b,c` or `@FILE` on the command line, and in a config file
 * the same string or an array of names.
 */
export function classNamesSetting(text: ValueSpecText): SettingSpec<ClassNamesSource> {
  return {
    ...valueText(text),
    domain: { type: 'classNames' },
    parseCli: (raw, context) =>
      parseClassNamesText(expectString(raw, context), context.label, context.base),
    parseConfig: (value, context) => {
      if (Array.isArray(value) && value.every((name) => typeof name === 'string')) {
        return { kind: 'list', names: value };
      }
      return parseClassNamesText(expectString(value, context), context.label, context.base);
    },
  };
}

/**
 * Creates the check levels setting: `ID=LEVEL,...` on the command line, and in a config file a map
 * from check id to level. Either form replaces the whole map of the other source.
 */
export function checkLevelsSetting(text: ValueSpecText): SettingSpec<CheckLevels> {
  return {
    ...valueText(text),
    domain: { type: 'checkLevels' },
    parseCli: (raw, context) => parseCheckLevelsText(expectString(raw, context), context.label),
    parseConfig: (value, context) => parseCheckLevelsConfig(value, context.label),
  };
}

/**
 * Creates the per-class thresholds setting, which only a config file can set: a map from class name
 * to `{ minIou, minRecall }`.
 */
export function classThresholdsSetting(text: {
  readonly configKey: string;
  readonly help: string;
  readonly helpGroup: HelpGroup;
}): SettingSpec<Readonly<Record<string, ClassThreshold>>> {
  return {
    configKey: text.configKey,
    flag: null,
    valueName: null,
    help: text.help,
    negatedHelp: null,
    helpGroup: text.helpGroup,
    domain: { type: 'classThresholds' },
    parseCli: (_raw, context) => {
      throw new Error(`${context.label} has no command-line form. Check the settings table.`);
    },
    parseConfig: (value, context) => parseClassThresholdsConfig(value, context.label),
  };
}

/** Creates an on/off switch with a `--no-` form, so the command line can override the config. */
export function switchSetting(
  text: SpecText & { readonly negatedHelp: string },
): SettingSpec<boolean> {
  return {
    configKey: configKeyOf(text.flag),
    flag: text.flag,
    valueName: null,
    help: text.help,
    negatedHelp: text.negatedHelp,
    helpGroup: text.helpGroup,
    domain: { type: 'switch' },
    parseCli: (raw, context) => expectBoolean(raw, context),
    parseConfig: (value, context) => expectBoolean(value, context),
  };
}

/** Returns the config key of a flag: `--save-predictions` becomes `savePredictions`. */
export function configKeyOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Names a setting in messages: its config key and file for config values, otherwise its flag (or
 * its config key when it has no flag).
 */
export function settingLabel(spec: SettingSpec<unknown>, origin: Origin): string {
  if (origin.kind === 'config') {
    return `${spec.configKey} in ${origin.path}`;
  }
  return spec.flag ?? spec.configKey;
}

/**
 * Names setting `key` in messages by where its value came from: `numClasses in /path/seg-gate.yml`
 * for a config value, otherwise its flag.
 */
export function valueLabel<V>(
  table: SettingTable<V>,
  values: SourcedValues<V>,
  key: keyof V,
): string {
  return settingLabel(table[key], values[key]?.origin ?? { kind: 'default' });
}

function valueText(
  text: ValueSpecText,
): Omit<SettingSpec<never>, 'domain' | 'parseCli' | 'parseConfig'> {
  return {
    configKey: configKeyOf(text.flag),
    flag: text.flag,
    valueName: text.valueName,
    help: text.help,
    negatedHelp: null,
    helpGroup: text.helpGroup,
  };
}

// The checks below only fail when the config schema or commander hands over a type that the
// table does not expect, which is a bug in this program rather than in the user's input.

function expectString(value: unknown, context: ParseContext): string {
  if (typeof value !== 'string') {
    throw new Error(
      `${context.label} is a ${typeof value}, expected a string. Check the settings table.`,
    );
  }
  return value;
}

function expectNumber(value: unknown, context: ParseContext): number {
  if (typeof value !== 'number') {
    throw new Error(
      `${context.label} is a ${typeof value}, expected a number. Check the settings table.`,
    );
  }
  return value;
}

function expectBoolean(value: unknown, context: ParseContext): boolean {
  if (typeof value !== 'boolean') {
    throw new Error(
      `${context.label} is a ${typeof value}, expected a boolean. Check the settings table.`,
    );
  }
  return value;
}
