/**
 * Parsers for single option values given as text on the command line. Each one rejects a bad
 * value through `invalidOption`, so every message names the option, the expected form and the
 * received text.
 */
import { resolve } from 'node:path';

import { parseLabelMap } from '../dataset/label-map.js';
import { invalidOption } from '../errors.js';
import { relabelError } from './relabel.js';
import { DEFAULT_IGNORE_INDEX, type Size } from './settings.js';

const DIGITS = /^[0-9]+$/;
const SIZE = /^([0-9]+)x([0-9]+)$/;

/** Decimal notation with an optional exponent, such as `0.5`, `.5`, `-2` or `1e-3`, but not `1.`. */
const DECIMAL = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/**
 * Syntax of a label map: comma-separated `SRC:DST` pairs of decimal ids, with `*` as SRC for every
 * id not listed. `parseLabelMap` also checks that ids are at most 255 and that no SRC repeats.
 */
export const LABEL_MAP_PATTERN =
  /^\s*(?:\*|[0-9]+)\s*:\s*[0-9]+\s*(?:,\s*(?:\*|[0-9]+)\s*:\s*[0-9]+\s*)*$/;

/**
 * Range of a decimal setting. `maximum` is null when there is no upper end. Each end is included
 * unless its `exclusive...` flag is set, as with JSON Schema `minimum` and `exclusiveMinimum`.
 */
export interface NumberRange {
  readonly minimum: number;
  readonly exclusiveMinimum: boolean;
  readonly maximum: number | null;
  readonly exclusiveMaximum: boolean;
}

/** Split names become a file name under `ImageSets/Segmentation/`, so they may not hold a slash. */
export const SPLIT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Describes the integer range `minimum..maximum` for messages and help text. */
export function describeIntegerRange(minimum: number, maximum: number): string {
  if (maximum === Number.MAX_SAFE_INTEGER) {
    return `an integer of at least ${minimum}`;
  }
  return `an integer from ${minimum} to ${maximum}`;
}

/**
 * Parses a decimal integer in `minimum..maximum`. Signs, fractions, exponents and hexadecimal are
 * rejected, so "3.5", "-1", "1e3" and "0x10" all fail.
 */
export function parseIntegerText(
  raw: string,
  option: string,
  minimum: number,
  maximum: number,
): number {
  const expected = describeIntegerRange(minimum, maximum);
  if (!DIGITS.test(raw)) {
    throw invalidOption(option, expected, raw);
  }

  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw invalidOption(option, expected, raw);
  }
  return value;
}

/**
 * Describes a decimal range for messages, for example `a number from 0 to 1` or
 * `a number above 0 and below 1`.
 */
export function describeNumberRange(range: NumberRange): string {
  const { minimum, maximum } = range;
  if (maximum === null) {
    return range.exclusiveMinimum ? `a number above ${minimum}` : `a number of at least ${minimum}`;
  }
  if (!range.exclusiveMinimum && !range.exclusiveMaximum) {
    return `a number from ${minimum} to ${maximum}`;
  }

  const lower = range.exclusiveMinimum ? `above ${minimum}` : `of at least ${minimum}`;
  const upper = range.exclusiveMaximum ? `below ${maximum}` : `at most ${maximum}`;
  return `a number ${lower} and ${upper}`;
}

/**
 * Parses a decimal number in `range`, such as `0.5` or `1e-3`. Empty text, hexadecimal, `NaN`,
 * `Infinity`, a trailing dot and values outside the range are rejected.
 */
export function parseNumberText(raw: string, option: string, range: NumberRange): number {
  if (!DECIMAL.test(raw)) {
    throw invalidOption(option, describeNumberRange(range), raw);
  }
  // Number() of the digits above is never NaN, but an exponent can overflow to Infinity.
  const value = Number(raw);
  if (!isInRange(value, range)) {
    throw invalidOption(option, describeNumberRange(range), raw);
  }
  return value;
}

/**
 * Returns `value` when it is a finite number in `range`, and otherwise throws the same error as
 * `parseNumberText`. Config files give numbers directly, and YAML can spell `.inf` and `.nan`.
 */
export function checkNumberInRange(value: number, option: string, range: NumberRange): number {
  if (!isInRange(value, range)) {
    throw invalidOption(option, describeNumberRange(range), value);
  }
  return value;
}

function isInRange(value: number, range: NumberRange): boolean {
  if (!Number.isFinite(value)) {
    return false;
  }

  const aboveMinimum = range.exclusiveMinimum ? value > range.minimum : value >= range.minimum;
  if (!aboveMinimum || range.maximum === null) {
    return aboveMinimum;
  }
  return range.exclusiveMaximum ? value < range.maximum : value <= range.maximum;
}

/** Parses one of `values`; the message lists them all. */
export function parseEnumText<T extends string>(
  raw: string,
  option: string,
  values: readonly T[],
): T {
  const match = values.find((value) => value === raw);
  if (match === undefined) {
    throw invalidOption(option, `one of ${values.join(', ')}`, raw);
  }
  return match;
}

/** Parses `WIDTHxHEIGHT` in pixels, for example `513x513`; both sides must be at least 1. */
export function parseSizeText(raw: string, option: string): Size {
  const expected = 'WIDTHxHEIGHT in pixels, both at least 1, for example 513x513';
  const match = SIZE.exec(raw);
  if (match === null) {
    throw invalidOption(option, expected, raw);
  }

  const width = Number(match[1]);
  const height = Number(match[2]);
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw invalidOption(option, expected, raw);
  }
  return { width, height };
}

/** Formats a size back into the `WIDTHxHEIGHT` form that `parseSizeText` reads. */
export function formatSize(size: Size): string {
  return `${size.width}x${size.height}`;
}

/** Resolves a non-empty path against `base` (the working folder or the config file's folder). */
export function parsePathText(
  raw: string,
  option: string,
  target: 'file' | 'folder',
  base: string,
): string {
  if (raw.trim() === '') {
    throw invalidOption(option, `a ${target} path`, raw);
  }
  return resolve(base, raw);
}

/** Parses a split name such as `val`: letters, digits, `.`, `_` and `-`, starting with no dot. */
export function parseSplitText(raw: string, option: string): string {
  if (!SPLIT_NAME_PATTERN.test(raw)) {
    throw invalidOption(
      option,
      'a split name made of letters, digits, ".", "_" and "-", such as val or train',
      raw,
    );
  }
  return raw;
}

/**
 * Checks the syntax and ids of a label map such as `15:1,*:0` and returns the text unchanged. The
 * map itself is built once the ignore index is known, because `*` leaves the ignore index as it is.
 */
export function parseLabelMapText(raw: string, option: string): string {
  try {
    parseLabelMap(raw, DEFAULT_IGNORE_INDEX);
  } catch (error) {
    throw relabelError(error, { '--label-map': option });
  }
  return raw;
}
