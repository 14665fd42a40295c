/**
 * Parsers for single option values given as text on the command line. Each one rejects a bad
 * value through `invalidOption`, so every message names the option, the expected form and the
 * received text.
 */
import { resolve } from 'node:path';

import { invalidOption } from '../errors.js';
import type { Size } from './settings.js';

const DIGITS = /^[0-9]+$/;
const SIZE = /^([0-9]+)x([0-9]+)$/;

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
