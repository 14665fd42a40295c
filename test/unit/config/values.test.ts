import { describe, expect, it } from 'vitest';

import {
  describeIntegerRange,
  formatSize,
  parseEnumText,
  parseIntegerText,
  parsePathText,
  parseSizeText,
  parseSplitText,
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
