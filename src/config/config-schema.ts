/**
 * Validation of config-file content against `schemas/config.schema.json`, with every violation
 * rendered as one line that starts with its JSON Pointer path.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import { UsageError } from '../errors.js';

let validator: ValidateFunction | null = null;

/**
 * Validates parsed config content and returns it as an object of known keys. Throws a UsageError
 * that lists every violation at once, for example `/numClasses: must be integer`.
 */
export function validateConfigContent(content: unknown, path: string): Record<string, unknown> {
  const validate = compileValidator();
  if (validate(content) && isRecord(content)) {
    return content;
  }

  const errors = validate.errors ?? [];
  const lines = [...errors.map(formatSchemaError), ...knownKeyLines(errors)];

  const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
  throw new UsageError(
    `Invalid config file ${path} (${count}):\n${lines.map((line) => `  ${line}`).join('\n')}\n` +
      'Fix these keys or remove them; `seg-gate evaluate --help` describes every setting.',
  );
}

/** Renders one ajv error as `<JSON Pointer>: <message>`, with `(root)` for the whole document. */
export function formatSchemaError(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params['additionalProperty']);
    const suggestion = closestKey(key, knownKeysOf(error));
    const hint = suggestion === null ? '' : ` (did you mean ${suggestion}?)`;
    return `${pointerOf(error.instancePath, key)}: unknown key${hint}`;
  }
  return `${error.instancePath === '' ? '(root)' : error.instancePath}: ${messageOf(error)}`;
}

function messageOf(error: ErrorObject): string {
  const message = error.message ?? error.keyword;
  if (error.keyword === 'enum') {
    const allowed = error.params['allowedValues'];
    return Array.isArray(allowed) ? `must be one of ${allowed.join(', ')}` : message;
  }
  if (error.keyword === 'type') {
    const type = error.params['type'];
    return Array.isArray(type) ? `must be ${type.join(' or ')}` : message;
  }
  if (error.keyword === 'minLength' && error.params['limit'] === 1) {
    return 'must not be empty';
  }
  if (error.keyword === 'pattern') {
    const examples: unknown = error.parentSchema?.['examples'];
    const example = Array.isArray(examples) ? ` such as ${examples.join(' or ')}` : '';
    return `must match ${String(error.params['pattern'])}${example}`;
  }
  return message;
}

/**
 * Lists the known keys once for each object that has an unknown key: `Known keys: ...` for the top
 * level, `Known keys of /checks: ...` for a nested object such as the check levels.
 */
function knownKeyLines(errors: readonly ErrorObject[]): string[] {
  const keysByPath = new Map<string, readonly string[]>();
  for (const error of errors) {
    if (error.keyword === 'additionalProperties' && !keysByPath.has(error.instancePath)) {
      keysByPath.set(error.instancePath, knownKeysOf(error));
    }
  }

  return [...keysByPath].map(([path, keys]) => {
    const owner = path === '' ? '' : ` of ${path}`;
    return `Known keys${owner}: ${keys.join(', ')}.`;
  });
}

/** Returns the keys that the object schema of an `additionalProperties` error defines. */
function knownKeysOf(error: ErrorObject): readonly string[] {
  const properties: unknown = error.parentSchema?.['properties'];
  if (typeof properties !== 'object' || properties === null) {
    return [];
  }
  return Object.keys(properties);
}

function compileValidator(): ValidateFunction {
  if (validator === null) {
    // allowUnionTypes lets `classNames` be an array or a string. verbose keeps parentSchema for
    // the examples shown after a pattern error and the known keys after an unknown key.
    const ajv = new Ajv2020({ allErrors: true, verbose: true, allowUnionTypes: true });
    validator = ajv.compile(configSchema);
  }
  return validator;
}

function pointerOf(parent: string, key: string): string {
  return `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Returns the known key within edit distance 2 of `key`, ignoring case, or null. */
function closestKey(key: string, knownKeys: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of knownKeys) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions each count 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      current.push(Math.min(substitution, deletion, insertion));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
