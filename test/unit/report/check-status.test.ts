import { describe, expect, it } from 'vitest';
import type { CheckRecord, CheckStatus } from '../../../src/checks/types.js';
import { countChecksByStatus, verdictFromChecks } from '../../../src/report/check-status.js';

function checks(...statuses: CheckStatus[]): CheckRecord[] {
  return statuses.map((status, index) => ({ id: `contract.c${index}`, status, message: '' }));
}

describe('verdictFromChecks', () => {
  it('passes with no checks', () => {
    expect(verdictFromChecks([])).toBe('pass');
  });

  it('passes with warnings and skips', () => {
    expect(verdictFromChecks(checks('pass', 'warn', 'skip'))).toBe('pass');
  });

  it('fails on any failed check', () => {
    expect(verdictFromChecks(checks('pass', 'warn', 'fail', 'skip'))).toBe('fail');
  });
});

describe('countChecksByStatus', () => {
  it('counts every status', () => {
    expect(countChecksByStatus(checks('pass', 'pass', 'warn', 'fail', 'skip', 'skip'))).toEqual({
      pass: 2,
      warn: 1,
      fail: 1,
      skip: 2,
    });
  });

  it('returns zeros for no checks', () => {
    expect(countChecksByStatus([])).toEqual({ pass: 0, warn: 0, fail: 0, skip: 0 });
  });
});
