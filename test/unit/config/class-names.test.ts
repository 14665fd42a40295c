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
    expect(error.message).toMatchInlineSnapshot();
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
    expect(temp.mask(error.message)).toMatchInlineSnapshot();
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
    const error = errorOf(() => validateClassNames(['a', 'b', 'c'], '--class-names', explicitCount(21)));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot();
  });

  it('says when the count is the default', () => {
    const count = { value: 21, label: '--num-classes', isDefault: true };
    const error = errorOf(() => validateClassNames(['a', 'b'], '--class-names', count));
    expect(error.message).toMatchInlineSnapshot();
  });

  it('rejects duplicate names with both ids', () => {
    const error = errorOf(() =>
      validateClassNames(['bg', 'cat', 'dog', 'cat'], '--class-names', explicitCount(4)),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot();
  });

  it('rejects an empty name', () => {
    const error = errorOf(() => validateClassNames(['bg', '', 'cat'], '--class-names', explicitCount(3)));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot();
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
