import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  defaultClassNames,
  loadClassNames,
  parseClassNamesFile,
  parseClassNamesText,
  validateClassNames,
} from '../../../src/config/class-names.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { createTempDir, errorOf, rejectionOf, type TempDir } from './helpers.js';

const explicitCount = (value: number) => ({ value, label: '--num-classes', isDefault: false });

describe('parseClassNamesText', () => {
  it('splits a comma-separated list and trims names', () => {
    expect(parseClassNamesText('background, person ,cat', '--class-names', '/work')).toEqual({
      kind: 'list',
      names: ['background', 'person', 'cat'],
    });
  });

  it('resolves @FILE against the base folder', () => {
    expect(parseClassNamesText('@names/classes.txt', '--class-names', '/work')).toEqual({
      kind: 'file',
      path: '/work/names/classes.txt',
    });
  });

  it('rejects @ without a path', () => {
    const error = errorOf(() => parseClassNamesText('@', '--class-names', '/work'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid value for --class-names: expected a comma-separated list such as a,b,c or @FILE, received "@"."`,
    );
  });
});

describe('parseClassNamesFile', () => {
  it('skips blank lines and trims whitespace', () => {
    const text = 'background  \r\n\r\n  person\t\n\n   \ncat\n';
    expect(parseClassNamesFile(text)).toEqual(['background', 'person', 'cat']);
  });

  it('returns no names for an empty file', () => {
    expect(parseClassNamesFile('')).toEqual([]);
  });
});

describe('loadClassNames', () => {
  let temp: TempDir;
  beforeEach(async () => {
    temp = await createTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('reads one name per line from a file', async () => {
    const path = await temp.write('names.txt', 'background\n\nperson  \n');
    const names = await loadClassNames({ kind: 'file', path }, '--class-names');
    expect(names).toEqual(['background', 'person']);
  });

  it('names the missing file', async () => {
    const path = `${temp.path}/missing.txt`;
    const error = await rejectionOf(loadClassNames({ kind: 'file', path }, '--class-names'));
    expect(error).toBeInstanceOf(InputError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(
      `"Cannot read the class names file <tmp>/missing.txt given by --class-names: ENOENT: no such file or directory, open '<tmp>/missing.txt'. Give @FILE as a readable text file with one class name per line."`,
    );
  });
});

describe('validateClassNames', () => {
  it('returns names that match the count', () => {
    expect(validateClassNames(['a', 'b', 'c'], '--class-names', explicitCount(3))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('gives both counts on a mismatch', () => {
    const error = errorOf(() =>
      validateClassNames(['a', 'b', 'c'], '--class-names', explicitCount(21)),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"--class-names lists 3 names but --num-classes is 21: give one name for each class id 0..20 in id order, or set the class count to 3."`,
    );
  });

  it('says when the count is the default', () => {
    const count = { value: 21, label: '--num-classes', isDefault: true };
    const error = errorOf(() => validateClassNames(['a', 'b'], '--class-names', count));
    expect(error.message).toMatchInlineSnapshot(
      `"--class-names lists 2 names but --num-classes is 21 (the default): give one name for each class id 0..20 in id order, or set the class count to 2."`,
    );
  });

  it('rejects duplicate names with both ids', () => {
    const error = errorOf(() =>
      validateClassNames(['bg', 'cat', 'dog', 'cat'], '--class-names', explicitCount(4)),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"--class-names contains "cat" twice, at ids 1 and 3: class names must be unique so that per-class results can be told apart."`,
    );
  });

  it('rejects an empty name', () => {
    const error = errorOf(() =>
      validateClassNames(['bg', '', 'cat'], '--class-names', explicitCount(3)),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"--class-names has an empty name at id 1: remove the extra comma or give the class a name."`,
    );
  });
});

describe('defaultClassNames', () => {
  it('uses the VOC names for 21 classes', () => {
    expect(defaultClassNames(21)).toEqual(VOC_CLASS_NAMES);
  });

  it('numbers the classes otherwise', () => {
    expect(defaultClassNames(3)).toEqual(['class 0', 'class 1', 'class 2']);
  });
});
