/**
 * Class names: parsed from `a,b,c` or `@FILE`, read from the file, checked against the class
 * count, or filled in with defaults.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { VOC_CLASS_NAMES } from '../dataset/classes.js';
import { errorMessage, InputError, invalidOption, UsageError } from '../errors.js';

/** Class names as given: an inline list, or a file with one name per line. */
export type ClassNamesSource =
  | { readonly kind: 'list'; readonly names: readonly string[] }
  | { readonly kind: 'file'; readonly path: string };

/** A class count together with how messages name it (`--num-classes` or a config key). */
export interface LabelledCount {
  readonly value: number;
  readonly label: string;
  /** True when the count was not given and the default applies. */
  readonly isDefault: boolean;
}

/** Phrases a class count for messages, for example `--num-classes is 21 (the default)`. */
export function describeCount(numClasses: LabelledCount): string {
  const suffix = numClasses.isDefault ? ' (the default)' : '';
  return `${numClasses.label} is ${numClasses.value}${suffix}`;
}

/**
 * Parses `--class-names`: `@FILE` names a file relative to `base`, anything else is a
 * comma-separated list. Names are trimmed, and `validateClassNames` checks them.
 */
export function parseClassNamesText(raw: string, option: string, base: string): ClassNamesSource {
  if (raw.startsWith('@')) {
    const path = raw.slice(1);
    if (path.trim() === '') {
      throw invalidOption(option, 'a comma-separated list such as a,b,c or @FILE', raw);
    }
    return { kind: 'file', path: resolve(base, path) };
  }
  return { kind: 'list', names: raw.split(',').map((name) => name.trim()) };
}

/** Splits class-names file text into names: one per line, trimmed, with blank lines left out. */
export function parseClassNamesFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Returns the names of a source, reading the file of an `@FILE` source. */
export async function loadClassNames(
  source: ClassNamesSource,
  option: string,
): Promise<readonly string[]> {
  if (source.kind === 'list') {
    return source.names.map((name) => name.trim());
  }

  let text: string;
  try {
    text = await readFile(source.path, 'utf8');
  } catch (error) {
    throw new InputError(
      `Cannot read the class names file ${source.path} given by ${option}: ` +
        `${errorMessage(error)}. ` +
        'Give @FILE as a readable text file with one class name per line.',
    );
  }
  return parseClassNamesFile(text);
}

/**
 * Checks that there is exactly one non-empty, unique name per class id. `option` names where the
 * names came from in messages.
 */
export function validateClassNames(
  names: readonly string[],
  option: string,
  numClasses: LabelledCount,
): readonly string[] {
  const emptyAt = names.findIndex((name) => name === '');
  if (emptyAt >= 0) {
    throw new UsageError(
      `${option} has an empty name at id ${emptyAt}: ` +
        'remove the extra comma or give the class a name.',
    );
  }

  if (names.length !== numClasses.value) {
    const last = numClasses.value - 1;
    throw new UsageError(
      `${option} lists ${names.length} names but ${describeCount(numClasses)}: ` +
        `give one name for each class id 0..${last} in id order, ` +
        `or set the class count to ${names.length}.`,
    );
  }

  const firstIdByName = new Map<string, number>();
  for (const [id, name] of names.entries()) {
    const firstId = firstIdByName.get(name);
    if (firstId !== undefined) {
      throw new UsageError(
        `${option} contains ${JSON.stringify(name)} twice, at ids ${firstId} and ${id}: ` +
          'class names must be unique so that per-class results can be told apart.',
      );
    }
    firstIdByName.set(name, id);
  }
  return names;
}

/** Default names: the 21 PASCAL VOC names for 21 classes, otherwise `class 0` .. `class C-1`. */
export function defaultClassNames(numClasses: number): readonly string[] {
  if (numClasses === VOC_CLASS_NAMES.length) {
    return VOC_CLASS_NAMES;
  }
  return Array.from({ length: numClasses }, (_, id) => `class ${id}`);
}
