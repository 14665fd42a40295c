/**
 * Reading of `seg-gate train --config FILE`: the evaluate config keys (without `predictions`) plus
 * the training keys, validated against both schemas at once.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';

import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import { formatSchemaError } from '../config/config-schema.js';
import { errorMessage, InputError, invalidOption, UsageError } from '../errors.js';
import trainSchema from './train-config.schema.json' with { type: 'json' };

let validator: ValidateFunction | null = null;

/**
 * Builds the schema of a train config file: `schemas/config.schema.json` without `predictions`,
 * with the properties of `train-config.schema.json` added.
 */
export function trainConfigSchema(): Record<string, unknown> {
  const evaluateProperties: Record<string, unknown> = { ...configSchema.properties };
  delete evaluateProperties['predictions'];
  return {
    ...configSchema,
    $id: 'urn:seg-gate:schema:train-config:1',
    title: 'seg-gate train config file',
    properties: { ...evaluateProperties, ...trainSchema.properties },
  };
}

/**
 * Reads, parses (JSON for `.json`, YAML for `.yml` and `.yaml`) and validates a train config file.
 * `path` must be absolute. Throws InputError when the file cannot be read, UsageError for a syntax
 * error or keys that break the schema, listing every violation.
 */
export async function readTrainConfigFile(path: string): Promise<Record<string, unknown>> {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yml', '.yaml'].includes(extension)) {
    throw invalidOption('--config', 'a file ending in .json, .yml or .yaml', path);
  }

  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `Cannot read config file ${path}: ${errorMessage(error)}. Check the path given to --config.`,
    );
  }
  return validate(extension === '.json' ? parseJson(text, path) : parseYaml(text, path), path);
}

function validate(content: unknown, path: string): Record<string, unknown> {
  validator ??= new Ajv2020({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(
    trainConfigSchema(),
  );
  if (validator(content) && typeof content === 'object' && content !== null) {
    return content as Record<string, unknown>;
  }

  const lines = (validator.errors ?? []).map((error) => `  ${formatSchemaError(error)}`);
  throw new UsageError(
    `Invalid train config file ${path} (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n` +
      `${lines.join('\n')}\nFix these keys or remove them; \`seg-gate train --help\` describes ` +
      'every setting.',
  );
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`Cannot parse config file ${path} as JSON: ${errorMessage(error)}.`);
  }
}

function parseYaml(text: string, path: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const lines = document.errors.map((error) => `  ${error.message.split('\n')[0]}`);
    throw new UsageError(
      `Cannot parse config file ${path} as YAML:\n${lines.join('\n')}\nFix the YAML syntax at these lines.`,
    );
  }
  return document.toJS() as unknown;
}
