import { describe, expect, it } from 'vitest';
import { runThresholdChecks, type ThresholdInput } from '../../../src/checks/thresholds.js';
import type { CheckRecord } from '../../../src/checks/types.js';
import { UsageError } from '../../../src/errors.js';

const INPUT: ThresholdInput = {
  miou: 0.48,
  classes: [
    { id: 0, name: 'background', iou: 0.9, recall: 0.95 },
    { id: 1, name: 'aeroplane', iou: 0.3, recall: 0.5 },
    { id: 2, name: 'bicycle', iou: null, recall: null },
    { id: 3, name: 'bird', iou: 0.25, recall: 0.6 },
    { id: 4, name: 'boat', iou: 0, recall: null },
  ],
};

function byId(checks: readonly CheckRecord[], id: string): CheckRecord {
  const check = checks.find((entry) => entry.id === id);
  if (!check) {
    throw new Error(`no check ${id}`);
  }
  return check;
}

describe('threshold.miou', () => {
  it('skips without a minimum', () => {
    const check = byId(runThresholdChecks(INPUT), 'threshold.miou');
    expect(check).toEqual({
      id: 'threshold.miou',
      status: 'skip',
      message: 'No minimum mIoU is set.',
    });
  });

  it('fails below the minimum with the shortfall', () => {
    const check = byId(runThresholdChecks(INPUT, { minMiou: 0.5 }), 'threshold.miou');
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      'mIoU 0.4800 is below the minimum 0.5000, short by 0.0200. The per-class IoU shows which classes pull it down.',
    );
  });

  it('passes at exactly the minimum', () => {
    const check = byId(runThresholdChecks(INPUT, { minMiou: 0.48 }), 'threshold.miou');
    expect(check.status).toBe('pass');
    expect(check.message).toBe('mIoU 0.4800 meets the minimum 0.4800.');
  });

  it('fails an undefined mIoU', () => {
    const check = byId(
      runThresholdChecks({ ...INPUT, miou: null }, { minMiou: 0.5 }),
      'threshold.miou',
    );
    expect(check.status).toBe('fail');
  });
});

describe('threshold.class-iou', () => {
  it('skips without any minimum', () => {
    const check = byId(runThresholdChecks(INPUT), 'threshold.class-iou');
    expect(check.status).toBe('skip');
    expect(check.message).toBe('No minimum class IoU is set, globally or per class.');
  });

  it('lists every class below the global minimum', () => {
    // aeroplane 0.3 equals the minimum and passes; bird 0.25 and boat 0 fail; bicycle is null.
    const check = byId(runThresholdChecks(INPUT, { minClassIou: 0.3 }), 'threshold.class-iou');
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      '2 of 4 checked classes are below the minimum IoU: bird 0.2500 < 0.3000, boat 0.0000 < 0.3000. Their recall and precision tell whether pixels are missed or confused with other classes. Not checked because they are absent from labels and predictions (no IoU): bicycle.',
    );
  });

  it('applies a per-class override by name', () => {
    const options = {
      minClassIou: 0.25,
      classes: { aeroplane: { minIou: 0.35 }, boat: { minIou: null } },
    };
    const check = byId(runThresholdChecks(INPUT, options), 'threshold.class-iou');
    expect(check.status).toBe('fail');
    expect(check.message).toMatch(
      /^1 of 3 checked classes is below the minimum IoU: aeroplane 0\.3000 < 0\.3500\./,
    );
  });

  it('passes and names the minimums', () => {
    const options = { minClassIou: 0.25, classes: { boat: { minIou: null } } };
    const check = byId(runThresholdChecks(INPUT, options), 'threshold.class-iou');
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      'All 3 checked classes meet their minimum IoU (global minimum 0.2500; overrides: boat none). Not checked because they are absent from labels and predictions (no IoU): bicycle.',
    );
  });

  it('checks only overridden classes without a global minimum', () => {
    const options = { classes: { background: { minIou: 0.95 } } };
    const check = byId(runThresholdChecks(INPUT, options), 'threshold.class-iou');
    expect(check.status).toBe('fail');
    expect(check.message).toMatch(
      /^1 of 1 checked class is below the minimum IoU: background 0\.9000 < 0\.9500\./,
    );
  });

  it('skips when every limited class is undefined', () => {
    const options = { classes: { bicycle: { minIou: 0.5 } } };
    const check = byId(runThresholdChecks(INPUT, options), 'threshold.class-iou');
    expect(check.status).toBe('skip');
    expect(check.message).toContain('bicycle');
  });
});

describe('threshold.class-recall', () => {
  it('fails classes below the minimum recall and notes absent ones', () => {
    const check = byId(
      runThresholdChecks(INPUT, { minClassRecall: 0.55 }),
      'threshold.class-recall',
    );
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      '1 of 3 checked classes is below the minimum recall: aeroplane 0.5000 < 0.5500. The model misses these classes on many of their labelled pixels; the confusion matrix rows show which classes take them. Not checked because they are absent from the labels (no recall): bicycle, boat.',
    );
  });

  it('takes a recall override without touching IoU', () => {
    const options = { classes: { aeroplane: { minRecall: 0.4 } } };
    const checks = runThresholdChecks(INPUT, options);
    expect(byId(checks, 'threshold.class-recall').status).toBe('pass');
    expect(byId(checks, 'threshold.class-iou').status).toBe('skip');
  });
});

describe('runThresholdChecks', () => {
  it('returns the three checks in order', () => {
    expect(runThresholdChecks(INPUT).map((check) => check.id)).toEqual([
      'threshold.miou',
      'threshold.class-iou',
      'threshold.class-recall',
    ]);
  });

  it('rejects an unknown class name and lists the known names', () => {
    const run = () => runThresholdChecks(INPUT, { classes: { persn: { minIou: 0.3 } } });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(
      'Unknown class name in the per-class thresholds: "persn". Known class names: background, aeroplane, bicycle, bird, boat.',
    );
  });

  it('rejects a minimum outside [0, 1]', () => {
    expect(() => runThresholdChecks(INPUT, { minMiou: 50 })).toThrow(
      'Invalid value for minMiou: expected a number in [0, 1], received 50.',
    );
    expect(() => runThresholdChecks(INPUT, { classes: { bird: { minRecall: -0.1 } } })).toThrow(
      'Invalid value for bird.minRecall: expected a number in [0, 1], received -0.1.',
    );
  });
});
