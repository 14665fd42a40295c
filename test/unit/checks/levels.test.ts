import { describe, expect, it } from 'vitest';
import { contractCheckIds } from '../../../src/checks/contract.js';
import { CHECK_IDS, isCheckId } from '../../../src/checks/ids.js';
import { applyLevels, validateCheckLevels } from '../../../src/checks/levels.js';
import type { CheckRecord } from '../../../src/checks/types.js';
import { UsageError } from '../../../src/errors.js';

const CHECKS: CheckRecord[] = [
  { id: 'collapse.dominant-class', status: 'fail', message: 'Background takes 99.0%.' },
  { id: 'collapse.missing-classes', status: 'warn', message: 'cow is never predicted.' },
  { id: 'threshold.miou', status: 'pass', message: 'mIoU 0.6000 meets the minimum 0.5000.' },
  { id: 'regression.miou', status: 'skip', message: 'No baseline.' },
];

describe('CHECK_IDS', () => {
  it('lists every contract check of every segmenter kind', () => {
    for (const kind of ['onnx', 'tfjs', 'predictions'] as const) {
      for (const id of contractCheckIds(kind)) {
        expect(isCheckId(id), id).toBe(true);
      }
    }
  });

  it('has no duplicates and only known families', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    for (const id of CHECK_IDS) {
      expect(id).toMatch(/^(contract|collapse|threshold|regression)\.[a-z0-9.-]+$/);
    }
  });
});

describe('applyLevels', () => {
  it('keeps every check without levels', () => {
    expect(applyLevels(CHECKS, {})).toEqual(CHECKS);
  });

  it('keeps the status at level fail', () => {
    expect(applyLevels(CHECKS, { 'collapse.dominant-class': 'fail' })).toEqual(CHECKS);
  });

  it('turns a fail into warn at level warn', () => {
    const [dominant] = applyLevels(CHECKS, { 'collapse.dominant-class': 'warn' });
    expect(dominant?.status).toBe('warn');
    expect(dominant?.message).toBe(
      'Background takes 99.0%. Reported as a warning because its level is set to warn (checks: in the config or --checks).',
    );
  });

  it('leaves pass, warn and skip alone at level warn', () => {
    const levels = {
      'collapse.missing-classes': 'warn',
      'threshold.miou': 'warn',
      'regression.miou': 'warn',
    };
    expect(applyLevels(CHECKS, levels).slice(1)).toEqual(CHECKS.slice(1));
  });

  it('reports skip with the original result at level off', () => {
    const result = applyLevels(CHECKS, {
      'collapse.dominant-class': 'off',
      'threshold.miou': 'off',
    });
    expect(result.map((check) => check.status)).toEqual(['skip', 'warn', 'skip', 'skip']);
    expect(result[0]?.message).toBe(
      'Disabled by its level off (checks: in the config or --checks), so it does not affect the verdict. Without the override it would report fail: Background takes 99.0%.',
    );
    expect(result[2]?.message).toContain('would report pass: mIoU 0.6000');
  });

  it('keeps the order and does not change its input', () => {
    const copy = structuredClone(CHECKS);
    const result = applyLevels(CHECKS, { 'collapse.dominant-class': 'off' });
    expect(result.map((check) => check.id)).toEqual(CHECKS.map((check) => check.id));
    expect(CHECKS).toEqual(copy);
  });

  it('rejects an unknown check id and lists the known ids', () => {
    const apply = () => applyLevels(CHECKS, { 'collapse.dominant': 'off' });
    expect(apply).toThrow(UsageError);
    expect(apply).toThrow(
      /Unknown check id in the check levels: "collapse\.dominant"\. Known check ids: contract\.labels\.encoding, .*collapse\.dominant-class, .*regression\.class-iou\./,
    );
  });

  it('names every unknown id', () => {
    expect(() => validateCheckLevels({ 'a.b': 'off', 'collapse.x': 'warn' })).toThrow(
      'Unknown check ids in the check levels: "a.b", "collapse.x".',
    );
  });

  it('rejects an unknown level', () => {
    expect(() => validateCheckLevels({ 'threshold.miou': 'error' })).toThrow(
      'Invalid value for the level of threshold.miou: expected off, warn, fail, received "error".',
    );
  });
});
