import { describe, expect, it } from 'vitest';
import { assertComparable, currentRunFromReport } from '../../../src/checks/comparable.js';
import { compareBaseline, skippedRegressionChecks } from '../../../src/checks/regression.js';
import type { CheckRecord } from '../../../src/checks/types.js';
import { InputError, UsageError } from '../../../src/errors.js';
import type { ImageReport, Report } from '../../../src/report/types.js';
import { imageReport, reportOf, type Triples } from './builders.js';

const NAMES = ['background', 'aeroplane', 'bicycle', 'bird'];
const BICYCLE = 2;

/**
 * 20 images, each with 100 background pixels and 50 pixels of class 1 + i % 3. Per image, 40 of
 * the object pixels are found and 10 predicted background; 95 background pixels are right and 5
 * predicted as the object. Bicycle is in the 7 images i = 1, 4, ..., 19.
 *
 * Hand-computed baseline IoU: background 1900 / 2200 = 0.8636; each object class
 * 40k / 55k = 0.7273 (k images); mIoU (0.8636 + 3 x 0.7273) / 4 = 0.7614.
 */
function baselineImages(): ImageReport[] {
  return Array.from({ length: 20 }, (_, i) => {
    const object = 1 + (i % 3);
    return imageReport(`img${String(i).padStart(2, '0')}`, [
      [0, 0, 95],
      [0, object, 5],
      [object, 0, 10],
      [object, object, 40],
    ]);
  });
}

/** Returns the images with every bicycle prediction replaced by background. */
function withoutBicycle(images: readonly ImageReport[]): ImageReport[] {
  return images.map((image) => {
    const merged = new Map<string, number>();
    for (const [t, p, pixels] of image.counts) {
      const key = `${t},${p === BICYCLE ? 0 : p}`;
      merged.set(key, (merged.get(key) ?? 0) + pixels);
    }
    const counts: Triples = [...merged].map(([key, pixels]) => {
      const [t, p] = key.split(',').map(Number);
      return [t ?? 0, p ?? 0, pixels];
    });
    return { ...image, counts };
  });
}

function byId(checks: readonly CheckRecord[], id: string): CheckRecord {
  const check = checks.find((entry) => entry.id === id);
  if (!check) {
    throw new Error(`no check ${id}`);
  }
  return check;
}

const BASELINE = reportOf({ classNames: NAMES, images: baselineImages() });

function currentOf(
  images: readonly ImageReport[],
  overrides: Partial<Parameters<typeof reportOf>[0]> = {},
) {
  return currentRunFromReport(reportOf({ classNames: NAMES, images, ...overrides }), 'current');
}

describe('assertComparable', () => {
  const current = currentOf(baselineImages());

  function failure(baseline: Report, run = current): string {
    try {
      assertComparable(run, baseline, 'baseline.json');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error('expected an InputError');
  }

  it('accepts the same dataset and classes', () => {
    expect(() => assertComparable(current, BASELINE, 'baseline.json')).not.toThrow();
  });

  it('rejects another schema version', () => {
    const baseline = { ...BASELINE, schemaVersion: 2 } as unknown as Report;
    expect(failure(baseline)).toBe(
      'Cannot compare with the baseline baseline.json: baseline report schema version 2 vs current 1: the baseline was written by another seg-gate version. Store a new baseline with this version.',
    );
  });

  it('rejects another fingerprint and shows both', () => {
    const baseline = reportOf({
      classNames: NAMES,
      images: baselineImages(),
      fingerprint: `sha256:${'cd34'.repeat(16)}`,
    });
    expect(failure(baseline)).toBe(
      'Cannot compare with the baseline baseline.json: baseline fingerprint sha256:cd34cd34cd34… vs current sha256:ab12ab12ab12…: the image ids are the same, so the label files, the class count, the ignore index or the label map differ. Compare runs on the same data, or store a new baseline from a run on this data.',
    );
  });

  it('names the first differing class', () => {
    const baseline = reportOf({
      classNames: ['background', 'aeroplane', 'bird', 'boat'],
      images: [],
    });
    expect(failure(baseline)).toBe(
      'Cannot compare with the baseline baseline.json: class lists differ first at id 2: baseline "bird" vs current "bicycle" (4 vs 4 classes): the baseline was computed with another class list.',
    );
  });

  it('names a class missing at the end', () => {
    const baseline = reportOf({ classNames: NAMES.slice(0, 3), images: [] });
    expect(failure(baseline)).toContain(
      'class lists differ first at id 3: baseline none vs current "bird" (3 vs 4 classes)',
    );
  });

  it('rejects a baseline from a run that did not complete', () => {
    const baseline = { ...BASELINE, verdict: 'error', dataset: null } as Report;
    expect(failure(baseline)).toContain(
      'the baseline is from a run that did not complete (verdict error)',
    );
  });

  it('rejects other image ids despite a matching fingerprint', () => {
    const baseline = reportOf({ classNames: NAMES, images: baselineImages().slice(1) });
    expect(failure(baseline)).toContain(
      'image ids differ first at position 1: baseline "img01" vs current "img00" (19 vs 20 images), although the fingerprints match',
    );
  });

  it('rejects a count outside the class range', () => {
    const images = baselineImages();
    images[3] = imageReport('img03', [[0, 9, 5]]);
    const baseline = { ...BASELINE, images };
    expect(failure(baseline)).toContain(
      'image img03 of the baseline has the count [0, 9, 5], expected class ids in 0..3 and a pixel count of 0 or more',
    );
  });
});

describe('compareBaseline', () => {
  it('passes identical runs with a zero change', () => {
    const result = compareBaseline(currentOf(baselineImages()), BASELINE, 'baseline.json');
    expect(result.comparison.deltaMiou).toBe(0);
    expect(result.comparison.interval).toEqual([0, 0]);

    const miou = byId(result.checks, 'regression.miou');
    expect(miou.status).toBe('pass');
    expect(miou.message).toBe(
      'Against the baseline baseline.json, mIoU went from 0.7614 to 0.7614: a change of 0.0000 with a 95% interval of [0.0000, 0.0000] from 1000 paired bootstrap resamples of 20 images (seed 12345). The interval contains 0: the difference is within resampling noise.',
    );
    const classes = byId(result.checks, 'regression.class-iou');
    expect(classes.status).toBe('pass');
    expect(classes.message).toBe(
      'No class of the 4 scored in both runs lost more than 0.1000 IoU against the baseline baseline.json; no class lost IoU.',
    );
  });

  it('fails a class whose predictions became background', () => {
    const current = currentOf(withoutBicycle(baselineImages()));
    const result = compareBaseline(current, BASELINE, 'baseline.json');

    // Current: bicycle IoU 0; background 1935 / 2480 = 0.7802; mIoU
    // (0.7802 + 2 x 0.7273 + 0) / 4 = 0.5587.
    const classes = byId(result.checks, 'regression.class-iou');
    expect(classes.status).toBe('fail');
    expect(classes.message).toBe(
      '1 of 4 classes scored in both runs lost more than 0.1000 IoU against the baseline baseline.json: bicycle 0.7273 -> 0.0000 (-0.7273, labelled in 7 images). The confusion matrix rows of these classes show which classes took their pixels.',
    );

    // Only a resample without any of the 7 bicycle images ((13/20)^20, about 1 in 5,000) keeps
    // the mIoU, so the interval lies below 0.
    const miou = byId(result.checks, 'regression.miou');
    expect(miou.status).toBe('fail');
    expect(miou.message).toMatch(
      /^Against the baseline baseline\.json, mIoU went from 0\.7614 to 0\.5587: a change of -0\.2027 with a 95% interval of \[-0\.\d{4}, -0\.\d{4}\] from 1000 paired bootstrap resamples of 20 images \(seed 12345\)\. The drop is larger than the allowed 0\.0100 and the interval lies below 0, so it is unlikely to be resampling noise\./,
    );
    const [lower, upper] = result.comparison.interval ?? [0, 0];
    expect(upper).toBeLessThan(0);
    expect(lower).toBeLessThan(result.comparison.deltaMiou ?? 0);
    expect(upper).toBeGreaterThan(result.comparison.deltaMiou ?? 0);
  });

  it('returns the comparison for the report', () => {
    const current = currentOf(withoutBicycle(baselineImages()));
    const { comparison } = compareBaseline(current, BASELINE, 'cache:seg-gate-main', {
      resamples: 200,
      seed: 3,
    });
    expect(comparison.source).toBe('cache:seg-gate-main');
    expect(comparison.resamples).toBe(200);
    expect(comparison.seed).toBe(3);
    expect(comparison.deltaMiou).toBeCloseTo((0.7802 + 2 * 0.7273) / 4 - 0.7614, 3);
    expect(comparison.classes.map((entry) => entry.name)).toEqual(NAMES);
    const bicycle = comparison.classes[BICYCLE];
    expect(bicycle?.baselineIou).toBeCloseTo(280 / 385, 12);
    expect(bicycle?.iou).toBe(0);
    expect(bicycle?.delta).toBeCloseTo(-280 / 385, 12);
    expect(comparison.classes[0]?.iou).toBeCloseTo(1935 / 2480, 12);
  });

  it('reports a significant improvement', () => {
    const current = currentRunFromReport(BASELINE, 'current');
    const worse = reportOf({ classNames: NAMES, images: withoutBicycle(baselineImages()) });
    const miou = byId(compareBaseline(current, worse, 'old.json').checks, 'regression.miou');
    expect(miou.status).toBe('pass');
    expect(miou.message).toContain('a change of +0.2027');
    expect(miou.message).toMatch(/The interval lies above 0: a significant improvement\.$/);
  });

  it('passes a significant drop within the allowed drop', () => {
    const current = currentOf(withoutBicycle(baselineImages()));
    const result = compareBaseline(current, BASELINE, 'baseline.json', {
      maxMiouDrop: 0.5,
      maxClassIouDrop: 0.8,
    });
    expect(byId(result.checks, 'regression.miou').message).toMatch(
      /The interval lies below 0, but the drop is within the allowed 0\.5000\.$/,
    );
    expect(byId(result.checks, 'regression.class-iou').message).toContain(
      'the largest drop is bicycle 0.7273 -> 0.0000 (-0.7273)',
    );
  });

  it('passes a large drop in few images as noise', () => {
    // Only img01 loses its bicycle predictions: resamples without img01 (about (19/20)^20 = 36%)
    // change nothing, so the interval reaches 0 although mIoU drops by more than 0.01.
    const images = baselineImages();
    const current = currentOf([images[0]!, ...withoutBicycle([images[1]!]), ...images.slice(2)]);
    const result = compareBaseline(current, BASELINE, 'baseline.json');
    const miou = byId(result.checks, 'regression.miou');
    expect(result.comparison.deltaMiou).toBeLessThan(-0.01);
    expect(result.comparison.interval?.[1]).toBe(0);
    expect(miou.status).toBe('pass');
    expect(miou.message).toMatch(
      /The drop is larger than the allowed 0\.0100, but the interval contains 0, so it is within resampling noise on these images\.$/,
    );
  });

  describe('class-iou boundary', () => {
    // One image, aeroplane 100 pixels all found in the baseline (IoU 1). The current run misses
    // `missed` of them (predicted background): aeroplane IoU (100 - missed) / 100.
    const baselineCounts: Triples = [
      [0, 0, 100],
      [1, 1, 100],
    ];
    const baseline = reportOf({ classNames: NAMES, images: [imageReport('a', baselineCounts)] });
    const run = (missed: number) =>
      currentOf([
        imageReport('a', [
          [0, 0, 100],
          [1, 0, missed],
          [1, 1, 100 - missed],
        ]),
      ]);

    it('passes a loss of exactly 0.10', () => {
      const check = byId(compareBaseline(run(10), baseline, 'b').checks, 'regression.class-iou');
      expect(check.status).toBe('pass');
      expect(check.message).toContain('the largest drop is aeroplane 1.0000 -> 0.9000 (-0.1000)');
    });

    it('fails a loss of 0.11', () => {
      const check = byId(compareBaseline(run(11), baseline, 'b').checks, 'regression.class-iou');
      expect(check.status).toBe('fail');
      expect(check.message).toContain('aeroplane 1.0000 -> 0.8900 (-0.1100, labelled in 1 image)');
    });
  });

  it('notes classes scored in only one run', () => {
    // Without bird in the labels, bird has no IoU in the baseline. The current run predicts bird
    // on 5 background pixels of img00, which gives it IoU 0 there.
    const withoutBird = baselineImages().map((image) =>
      imageReport(
        image.id,
        image.counts.filter((triple) => triple[0] !== 3 && triple[1] !== 3),
      ),
    );
    const baseline = reportOf({ classNames: NAMES, images: withoutBird });
    const first = imageReport('img00', [
      [0, 0, 90],
      [0, 1, 5],
      [0, 3, 5],
      [1, 0, 10],
      [1, 1, 40],
    ]);
    const current = currentOf([first, ...withoutBird.slice(1)]);

    const check = byId(compareBaseline(current, baseline, 'b').checks, 'regression.class-iou');
    expect(check.message).toMatch(
      /Scored in only one run and not compared: bird \(current only\)\.$/,
    );
  });

  it('skips when the current run scored nothing', () => {
    const empty = baselineImages().map((image) => ({ ...image, scored: false, counts: [] }));
    const result = compareBaseline(currentOf(empty), BASELINE, 'b');
    expect(result.comparison.deltaMiou).toBeNull();
    expect(result.comparison.interval).toBeNull();
    expect(byId(result.checks, 'regression.miou')).toEqual({
      id: 'regression.miou',
      status: 'skip',
      message:
        'mIoU is undefined in the current run (no scored pixels), so the runs cannot be compared.',
    });
    expect(byId(result.checks, 'regression.class-iou').status).toBe('skip');
  });

  it('rejects invalid options', () => {
    const current = currentOf(baselineImages());
    expect(() => compareBaseline(current, BASELINE, 'b', { resamples: 0 })).toThrow(UsageError);
    expect(() => compareBaseline(current, BASELINE, 'b', { confidence: 1 })).toThrow(
      'Invalid value for confidence: expected a number between 0 and 1 (exclusive), received 1.',
    );
  });
});

describe('skippedRegressionChecks', () => {
  it('skips both checks with the reason', () => {
    expect(skippedRegressionChecks('No baseline found.')).toEqual([
      { id: 'regression.miou', status: 'skip', message: 'No baseline found.' },
      { id: 'regression.class-iou', status: 'skip', message: 'No baseline found.' },
    ]);
  });
});
