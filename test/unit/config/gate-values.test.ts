import { describe, expect, it } from 'vitest';

import { CHECK_IDS } from '../../../src/checks/ids.js';
import {
  parseCheckLevelsConfig,
  parseCheckLevelsText,
  parseClassThresholdsConfig,
} from '../../../src/config/gate-values.js';
import { UsageError } from '../../../src/errors.js';
import { errorOf } from './helpers.js';

describe('parseCheckLevelsText', () => {
  it('reads ID=LEVEL pairs', () => {
    expect(
      parseCheckLevelsText(
        ' collapse.per-image = warn ,threshold.miou=off,regression.miou=fail',
        '--checks',
      ),
    ).toEqual({ 'collapse.per-image': 'warn', 'threshold.miou': 'off', 'regression.miou': 'fail' });
  });

  it('accepts every check id', () => {
    const text = CHECK_IDS.map((id) => `${id}=warn`).join(',');
    expect(Object.keys(parseCheckLevelsText(text, '--checks'))).toEqual(CHECK_IDS);
  });

  it.each(['', 'collapse.per-image', 'collapse.per-image=warn,', '=warn', 'a b=warn'])(
    'rejects malformed %j',
    (raw) => {
      const error = errorOf(() => parseCheckLevelsText(raw, '--checks'));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toMatch(
        /^Invalid value for --checks: expected comma-separated ID=LEVEL pairs with LEVEL off, warn or fail, for example collapse\.per-image=warn,threshold\.miou=off, received ".*"\.$/,
      );
    },
  );

  it('rejects a repeated id', () => {
    expect(
      errorOf(() => parseCheckLevelsText('threshold.miou=off,threshold.miou=warn', '--checks'))
        .message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --checks: expected comma-separated ID=LEVEL pairs with LEVEL off, warn or fail, for example collapse.per-image=warn,threshold.miou=off; threshold.miou is listed twice, received "threshold.miou=warn"."`,
    );
  });

  it('lists known ids for an unknown id', () => {
    const error = errorOf(() => parseCheckLevelsText('collapse.perimage=off', '--checks'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `Unknown check id "collapse.perimage" in --checks. Known check ids: ${CHECK_IDS.join(', ')}.`,
    );
  });

  it('rejects an unknown level', () => {
    expect(
      errorOf(() => parseCheckLevelsText('threshold.miou=FAIL', '--checks')).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --checks: expected one of off, warn, fail as the level of threshold.miou, received "FAIL"."`,
    );
    expect(
      errorOf(() => parseCheckLevelsText('threshold.miou=', '--checks')).message,
    ).toMatchInlineSnapshot(
      `"Invalid value for --checks: expected one of off, warn, fail as the level of threshold.miou, received ""."`,
    );
  });
});

describe('parseCheckLevelsConfig', () => {
  it('returns a valid map', () => {
    expect(parseCheckLevelsConfig({ 'collapse.per-image': 'off' }, 'checks in /c.yml')).toEqual({
      'collapse.per-image': 'off',
    });
    expect(parseCheckLevelsConfig({}, 'checks in /c.yml')).toEqual({});
  });

  it('names the config key', () => {
    expect(errorOf(() => parseCheckLevelsConfig({ nope: 'off' }, 'checks in /c.yml')).message).toBe(
      `Unknown check id "nope" in checks in /c.yml. Known check ids: ${CHECK_IDS.join(', ')}.`,
    );
    expect(
      errorOf(() => parseCheckLevelsConfig({ 'threshold.miou': 3 }, 'checks in /c.yml')).message,
    ).toBe(
      'Invalid value for checks in /c.yml: expected one of off, warn, fail as the level of ' +
        'threshold.miou, received 3.',
    );
  });
});

describe('parseClassThresholdsConfig', () => {
  it('keeps given minimums and nulls', () => {
    expect(
      parseClassThresholdsConfig(
        { person: { minIou: 0.5, minRecall: null }, cat: { minRecall: 0.25 }, dog: {} },
        'classThresholds in /c.yml',
      ),
    ).toEqual({ person: { minIou: 0.5, minRecall: null }, cat: { minRecall: 0.25 }, dog: {} });
  });

  it('leaves absent minimums out', () => {
    const thresholds = parseClassThresholdsConfig({ cat: { minRecall: 0.25 } }, 'c');
    expect(Object.keys(thresholds['cat'] ?? {})).toEqual(['minRecall']);
  });

  it('rejects what the schema rejects', () => {
    expect(() => parseClassThresholdsConfig([], 'c')).toThrow('Check the config schema');
    expect(() => parseClassThresholdsConfig({ cat: 0.5 }, 'c')).toThrow('Check the config schema');
    expect(() => parseClassThresholdsConfig({ cat: { minIou: '0.5' } }, 'c')).toThrow(
      'expected a number or null',
    );
  });
});
