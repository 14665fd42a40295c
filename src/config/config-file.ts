/**
 * Reading of `--config FILE`: JSON or YAML chosen by the file extension, validated against the
 * config schema, then parsed into setting values with paths resolved against the file's folder.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';

import { parseDocument } from 'yaml';

import { errorMessage, InputError, invalidOption, UsageError } from '../errors.js';
import { validateConfigContent } from './config-schema.js';
import {
  settingLabel,
  type Origin,
  type SettingSpec,
  type SettingTable,
  type SourcedValues,
} from './setting-spec.js';

/** File extensions of config files, lower case, with the parser each one selects. */
export const CONFIG_EXTENSIONS = {
  '.json': 'json',
  '.yml': 'yaml',
  '.yaml': 'yaml',
} as const;

type ConfigFormat = (typeof CONFIG_EXTENSIONS)[keyof typeof CONFIG_EXTENSIONS];

/**
 * Reads, parses and validates a config file. `path` must be absolute. Throws InputError when the
 * file cannot be read, and UsageError for a syntax error (with its line) or schema violations.
 */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  const format = configFormatOf(path);

  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `Cannot read config file ${path}: ${errorMessage(error)}. Check the path given to --config.`,
    );
  }

  const content = format === 'json' ? parseJson(text, path) : parseYaml(text, path);
  return validateConfigContent(content, path);
}

/**
 * Parses validated config content into setting values. Relative paths resolve against the folder
 * that contains the config file.
 */
export function configValues<V>(
  content: Record<string, unknown>,
  table: SettingTable<V>,
  path: string,
): SourcedValues<V> {
  const origin: Origin = { kind: 'config', path };
  const context = { base: dirname(path) };
  const values: SourcedValues<V> = {};

  for (const key of Object.keys(table) as (keyof V & string)[]) {
    const raw = content[key];
    if (raw === undefined) {
      continue;
    }

    const spec: SettingSpec<V[typeof key]> = table[key];
    const value = spec.parseConfig(raw, { ...context, label: settingLabel(spec, origin) });
    values[key] = { value, origin };
  }
  return values;
}

function configFormatOf(path: string): ConfigFormat {
  const extension = extname(path).toLowerCase();
  if (!Object.hasOwn(CONFIG_EXTENSIONS, extension)) {
    throw invalidOption('--config', 'a file ending in .json, .yml or .yaml', path);
  }
  return CONFIG_EXTENSIONS[extension as keyof typeof CONFIG_EXTENSIONS];
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `Cannot parse config file ${path} as JSON: ` +
        `${describeJsonError(errorMessage(error), text)}. ` +
        'Fix the syntax, or use a .yml file for YAML.',
    );
  }
}

/** Adds the line and column to a JSON.parse message that gives only a character position. */
function describeJsonError(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  if (position === null || /\(line \d+/.test(message)) {
    return message;
  }

  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

function parseYaml(text: string, path: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    // With prettyErrors, the first line of each message ends with "at line L, column C:".
    const lines = document.errors.map((error) => `  ${error.message.split('\n')[0]}`);
    throw new UsageError(
      `Cannot parse config file ${path} as YAML:\n${lines.join('\n')}\n` +
        'Fix the YAML syntax at these lines.',
    );
  }
  return document.toJS() as unknown;
}
