import { describe, expect, it } from 'vitest';

import { planAnnotations } from '../../src/action/annotations.js';
import type { CheckRecord } from '../../src/checks/types.js';

function failed(count: number): CheckRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `threshold.check${index + 1}`,
    status: 'fail',
    message: `evidence ${index + 1}`,
  }));
}

function warnings(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    title: `w${index + 1}`,
    message: `note ${index + 1}`,
  }));
}

describe('planAnnotations', () => {
  it('shows up to 9 failed checks and the failure message', () => {
    const plan = planAnnotations('gate failed', failed(9), []);

    expect(plan.errors).toHaveLength(9);
    expect(plan.errors[8]).toEqual({ title: 'seg-gate: threshold.check9', message: 'evidence 9' });
    expect(plan.failure).toBe('gate failed');
  });

  it('groups failed checks beyond 9 into the failure message', () => {
    const plan = planAnnotations('gate failed', failed(12), []);

    expect(plan.errors).toHaveLength(9);
    expect(plan.failure).toBe(
      'gate failed\n3 more failed checks:\nthreshold.check10: evidence 10\nthreshold.check11: evidence 11\nthreshold.check12: evidence 12',
    );
  });

  it('keeps 10 warnings and groups the rest into the tenth', () => {
    expect(planAnnotations(null, [], warnings(10)).warnings).toHaveLength(10);

    const plan = planAnnotations(null, [], warnings(13));
    expect(plan.warnings).toHaveLength(10);
    expect(plan.warnings[9]).toEqual({
      title: 'seg-gate: 4 more warnings',
      message: 'w10: note 10\nw11: note 11\nw12: note 12\nw13: note 13',
    });
  });

  it('has no failure for a pass', () => {
    expect(planAnnotations(null, [], []).failure).toBeNull();
  });
});
