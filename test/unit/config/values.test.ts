import { describe, expect, it } from 'vitest';

import {
  checkNumberInRange,
  describeIntegerRange,
  describeNumberRange,
  formatSize,
  parseEnumText,
  parseIntegerText,
  parseLabelMapText,
  parseNumberText,
  parsePathText,
  parseSizeText,
  parseSplitText,
  type NumberRange,
} from '../../../src/config/values.js';
import { UsageError } from '../../../src/errors.js';
import { errorOf } from './helpers.js';

describe('parseIntegerText', () => {
  it('accepts decimal integers in range', () => {
    expect(parseIntegerText('21', '--num-classes', 2, 255)).toBe(21);
    expect(parseIntegerText('2', '--num-classes', 2, 255)).toBe(2);
    expect(parseIntegerText('255', '--num-classes', 2, 255)).toBe(255);
    expect(parseIntegerText('007', '--limit', 1, Number.MAX_SAFE_INTEGER)).toBe(7);
  });

  it.each(['3.5', 'abc', '-1', '', ' 3', '3 ', '1e3', '0x10', '+3', '3,0'])('rejects %j', (raw) => {
    const error = errorOf(() => parseIntegerText(raw, '--num-classes', 2, 255));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `Invalid value for --num-classes: expected an integer from 2 to 255, received ${JSON.stringify(raw)}.`,
    );
  });

  it('rejects values out of range', () => {
    expect(
      errorOf(() => parseIntegerText('1', '--num-classes', 2, 255)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --num-classes: expected an integer from 2 to 255, received "1"."`,
    );
    expect(
      errorOf(() => parseIntegerText('256', '--ignore-index', 0, 255)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --ignore-index: expected an integer from 0 to 255, received "256"."`,
    );
    expect(
      errorOf(() => parseIntegerText('0', '--limit', 1, Number.MAX_SAFE_INTEGER)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --limit: expected an integer of at least 1, received "0"."`,
    );
  });

  it('rejects integers beyond the safe range', () => {
    const error = errorOf(() =>
      parseIntegerText('9007199254740993', '--max-pixels', 1, Number.MAX_SAFE_INTEGER),
    );
    expect(error.message).toContain('expected an integer of at least 1');
  });
});

describe('describeIntegerRange', () => {
  it('drops the open upper end', () => {
    expect(describeIntegerRange(1, Number.MAX_SAFE_INTEGER)).toBe('an integer of at least 1');
    expect(describeIntegerRange(0, 255)).toBe('an integer from 0 to 255');
  });
});

describe('parseEnumText', () => {
  it('returns a listed value', () => {
    expect(parseEnumText('nchw', '--layout', ['auto', 'nhwc', 'nchw'])).toBe('nchw');
  });

  it('lists the values in the error', () => {
    const error = errorOf(() => parseEnumText('NCHW', '--layout', ['auto', 'nhwc', 'nchw']));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid value for --layout: expected one of auto, nhwc, nchw, received "NCHW"."`,
    );
  });
});

describe('parseSizeText', () => {
  it('reads WIDTHxHEIGHT', () => {
    expect(parseSizeText('513x257', '--input-size')).toEqual({ width: 513, height: 257 });
    expect(formatSize({ width: 513, height: 257 })).toBe('513x257');
  });

  it.each(['513', '513x', 'x513', '513X513', '0x513', '513x0', '513 x 513', '-1x5', '5.5x5'])(
    'rejects %j',
    (raw) => {
      const error = errorOf(() => parseSizeText(raw, '--input-size'));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(
        'Invalid value for --input-size: expected WIDTHxHEIGHT in pixels, both at least 1, ' +
          `for example 513x513, received ${JSON.stringify(raw)}.`,
      );
    },
  );
});

describe('parsePathText', () => {
  it('resolves against the base folder', () => {
    expect(parsePathText('VOC2012', '--data', 'folder', '/work')).toBe('/work/VOC2012');
    expect(parsePathText('../m.onnx', '--model', 'file', '/work/sub')).toBe('/work/m.onnx');
    expect(parsePathText('/abs/m.onnx', '--model', 'file', '/work')).toBe('/abs/m.onnx');
  });

  it('rejects an empty path', () => {
    expect(
      errorOf(() => parsePathText('', '--data', 'folder', '/work')).message,
    ).toMatchInlineSnapshot(`"Invalid value for --data: expected a folder path, received ""."`);
    expect(
      errorOf(() => parsePathText('  ', '--model', 'file', '/work')).message,
    ).toMatchInlineSnapshot(`"Invalid value for --model: expected a file path, received "  "."`);
  });
});

describe('parseSplitText', () => {
  it('accepts split names', () => {
    expect(parseSplitText('val', '--split')).toBe('val');
    expect(parseSplitText('train_aug-2.v1', '--split')).toBe('train_aug-2.v1');
  });

  it.each(['../val', 'a/b', '.hidden', ''])('rejects %j', (raw) => {
    const error = errorOf(() => parseSplitText(raw, '--split'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('Invalid value for --split: expected a split name');
  });
});

const FRACTION: NumberRange = {
  minimum: 0,
  exclusiveMinimum: false,
  maximum: 1,
  exclusiveMaximum: false,
};
const OPEN_UNIT: NumberRange = { ...FRACTION, exclusiveMinimum: true, exclusiveMaximum: true };
const POSITIVE: NumberRange = { ...FRACTION, exclusiveMinimum: true, maximum: null };

describe('parseNumberText', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['0.5', 0.5],
    ['.25', 0.25],
    ['00.5', 0.5],
    ['5e-1', 0.5],
    ['1E-2', 0.01],
  ])('reads %j', (raw, value) => {
    expect(parseNumberText(raw, '--min-miou', FRACTION)).toBe(value);
  });

  it.each([
    'abc',
    '1e',
    '',
    ' ',
    '0.5.1',
    'NaN',
    'Infinity',
    '-Infinity',
    '1.',
    '+0.5',
    '0x1',
    ' 0.5',
    '0,5',
    '1_0',
  ])('rejects %j', (raw) => {
    const error = errorOf(() => parseNumberText(raw, '--min-miou', FRACTION));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `Invalid value for --min-miou: expected a number from 0 to 1, received ${JSON.stringify(raw)}.`,
    );
  });

  it('rejects values out of range', () => {
    expect(
      errorOf(() => parseNumberText('1.5', '--min-miou', FRACTION)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --min-miou: expected a number from 0 to 1, received "1.5"."`,
    );
    expect(
      errorOf(() => parseNumberText('-0.1', '--min-miou', FRACTION)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --min-miou: expected a number from 0 to 1, received "-0.1"."`,
    );
    expect(
      errorOf(() => parseNumberText('1', '--threshold', OPEN_UNIT)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --threshold: expected a number above 0 and below 1, received "1"."`,
    );
    expect(
      errorOf(() => parseNumberText('0', '--max-abs-logit', POSITIVE)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --max-abs-logit: expected a number above 0, received "0"."`,
    );
  });

  it('rejects an exponent that overflows', () => {
    const error = errorOf(() => parseNumberText('1e999', '--max-abs-logit', POSITIVE));
    expect(error.message).toBe(
      'Invalid value for --max-abs-logit: expected a number above 0, received "1e999".',
    );
  });

  it('keeps the ends of an open range out', () => {
    expect(parseNumberText('0.001', '--threshold', OPEN_UNIT)).toBe(0.001);
    expect(parseNumberText('0.999', '--threshold', OPEN_UNIT)).toBe(0.999);
    expect(() => parseNumberText('0', '--threshold', OPEN_UNIT)).toThrow(UsageError);
    expect(parseNumberText('1e6', '--max-abs-logit', POSITIVE)).toBe(1_000_000);
  });
});

describe('checkNumberInRange', () => {
  it('returns a number in range', () => {
    expect(checkNumberInRange(0.5, 'minMiou in /c.yml', FRACTION)).toBe(0.5);
    expect(checkNumberInRange(1e9, 'maxAbsLogit in /c.yml', POSITIVE)).toBe(1e9);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2, -1])(
    'rejects %d',
    (value) => {
      const error = errorOf(() => checkNumberInRange(value, 'minMiou in /c.yml', FRACTION));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(
        `Invalid value for minMiou in /c.yml: expected a number from 0 to 1, received ${value}.`,
      );
    },
  );

  it('rejects infinity without an upper end', () => {
    expect(
      errorOf(() => checkNumberInRange(Number.POSITIVE_INFINITY, 'maxAbsLogit', POSITIVE)).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for maxAbsLogit: expected a number above 0, received Infinity."`,
    );
  });
});

describe('describeNumberRange', () => {
  it('phrases each kind of end', () => {
    expect(describeNumberRange(FRACTION)).toBe('a number from 0 to 1');
    expect(describeNumberRange(OPEN_UNIT)).toBe('a number above 0 and below 1');
    expect(describeNumberRange({ ...FRACTION, exclusiveMaximum: true })).toBe(
      'a number of at least 0 and below 1',
    );
    expect(describeNumberRange({ ...FRACTION, exclusiveMinimum: true })).toBe(
      'a number above 0 and at most 1',
    );
    expect(describeNumberRange(POSITIVE)).toBe('a number above 0');
    expect(describeNumberRange({ ...POSITIVE, exclusiveMinimum: false })).toBe(
      'a number of at least 0',
    );
  });
});

describe('parseLabelMapText', () => {
  it('returns valid text unchanged', () => {
    expect(parseLabelMapText('15:1, *:0', '--label-map')).toBe('15:1, *:0');
  });

  it('names the config key in errors', () => {
    expect(
      errorOf(() => parseLabelMapText('300:1', 'labelMap in /c.yml')).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for labelMap in /c.yml: expected comma-separated SRC:DST pairs of class ids 0..255, with * as SRC for every id not listed (for example 15:1,*:0); 300 is above 255, received "300:1"."`,
    );
  });
});
