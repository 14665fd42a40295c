import { createRequire } from 'node:module';

/**
 * The type predicates that Node 23 removed from `node:util` (deprecated since Node 4). The
 * published `@tensorflow/tfjs-node` 4.22.0 still calls some of them, for example
 * `util.isNullOrUndefined` when it builds op attributes, and fails with
 * `util_1.isNullOrUndefined is not a function` on Node 23 and later.
 */
const LEGACY_PREDICATES: Readonly<Record<string, (value: unknown) => boolean>> = {
  isArray: (value) => Array.isArray(value),
  isBoolean: (value) => typeof value === 'boolean',
  isBuffer: (value) => Buffer.isBuffer(value),
  isDate: (value) => value instanceof Date,
  isError: (value) => value instanceof Error,
  isFunction: (value) => typeof value === 'function',
  isNull: (value) => value === null,
  isNullOrUndefined: (value) => value === null || value === undefined,
  isNumber: (value) => typeof value === 'number',
  isObject: (value) => value !== null && typeof value === 'object',
  isPrimitive: (value) =>
    value === null || (typeof value !== 'object' && typeof value !== 'function'),
  isRegExp: (value) => value instanceof RegExp,
  isString: (value) => typeof value === 'string',
  isSymbol: (value) => typeof value === 'symbol',
  isUndefined: (value) => value === undefined,
};

/**
 * Adds the legacy `util.is*` predicates that the running Node lacks to the `node:util` module
 * object, so that CommonJS code calling `require('util').isNullOrUndefined(...)` keeps working.
 * Predicates Node still has are left alone. Returns the names that were added.
 */
export function installLegacyUtilPredicates(): string[] {
  const require = createRequire(import.meta.url);
  const util = require('node:util') as Record<string, unknown>;
  const added: string[] = [];

  for (const [name, predicate] of Object.entries(LEGACY_PREDICATES)) {
    if (typeof util[name] !== 'function') {
      util[name] = predicate;
      added.push(name);
    }
  }
  return added;
}
