import { describe, expect, it } from 'vitest';
import {
  checkDominantClass,
  checkMissingClasses,
  checkPerImageCollapse,
  checkTrivialBaseline,
  majorityClassBaseline,
  runCollapseChecks,
} from '../../../src/checks/collapse.js';
import { DEFAULT_COLLAPSE_OPTIONS } from '../../../src/checks/defaults.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import { UsageError } from '../../../src/errors.js';
import { ConfusionMatrix } from '../../../src/metrics/confusion.js';
import { computeScores } from '../../../src/metrics/scores.js';
import { imageReport, matrixOf, type Triples } from './builders.js';

const NAMES = ['background', 'aeroplane', 'bicycle', 'bird'];
const OPTIONS = DEFAULT_COLLAPSE_OPTIONS;

function scoresOf(numClasses: number, counts: Triples) {
  return computeScores(matrixOf(numClasses, counts));
}

describe('checkDominantClass', () => {
  it('fails when one class takes 97% of predictions but 70% of labels', () => {
    // 100 pixels: background 70 labelled, all predicted background; aeroplane 30 labelled,
    // 27 predicted background. Background: 97/100 predicted vs 70/100 labelled.
    const scores = scoresOf(2, [
      [0, 0, 70],
      [1, 0, 27],
      [1, 1, 3],
    ]);
    const check = checkDominantClass(scores, NAMES, OPTIONS);
    expect(check.status).toBe('fail');
    expect(check.message).toMatch(
      /^The class background takes 97\.0% of predicted pixels and 70\.0% of labelled pixels: the model predicts nearly every pixel as background, 27\.0 percentage points more than the labels contain/,
    );
    expect(check.message).toContain('preprocessing');
  });

  it('passes when the labels explain the dominant class', () => {
    // Background: 97/100 predicted vs 96/100 labelled, 1 point apart.
    const scores = scoresOf(2, [
      [0, 0, 96],
      [1, 0, 1],
      [1, 1, 3],
    ]);
    const check = checkDominantClass(scores, NAMES, OPTIONS);
    expect(check.status).toBe('pass');
    expect(check.message).toContain('so the labels explain it');
  });

  it('fails at exactly 95% predicted and 15 points above the labels', () => {
    // 95/100 predicted background vs 80/100 labelled; 0.95 - 0.8 is 0.1499999... in floats.
    const scores = scoresOf(2, [
      [0, 0, 80],
      [1, 0, 15],
      [1, 1, 5],
    ]);
    expect(checkDominantClass(scores, NAMES, OPTIONS).status).toBe('fail');
  });

  it('passes just below 95% predicted', () => {
    const scores = scoresOf(2, [
      [0, 0, 80],
      [1, 0, 14],
      [1, 1, 6],
    ]);
    const check = checkDominantClass(scores, NAMES, OPTIONS);
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      'The most predicted class background takes 94.0% of predicted pixels and 80.0% of labelled pixels; no class reaches 95.0% of predicted pixels.',
    );
  });

  it('skips without scored pixels', () => {
    expect(checkDominantClass(scoresOf(2, []), NAMES, OPTIONS).status).toBe('skip');
  });
});

describe('checkMissingClasses', () => {
  // Four classes present with 40, 30, 20 and 10 label pixels.
  const predictedAll: Triples = [
    [0, 0, 40],
    [1, 1, 30],
    [2, 2, 20],
    [3, 3, 10],
  ];

  it('passes when every labelled class is predicted', () => {
    const check = checkMissingClasses(scoresOf(4, predictedAll), NAMES, OPTIONS);
    expect(check.status).toBe('pass');
    expect(check.message).toBe('All 4 classes present in the labels are predicted on some pixels.');
  });

  it('warns for one class never predicted', () => {
    const scores = scoresOf(4, [
      [0, 0, 40],
      [1, 1, 30],
      [2, 2, 20],
      [3, 0, 10],
    ]);
    const check = checkMissingClasses(scores, NAMES, OPTIONS);
    expect(check.status).toBe('warn');
    expect(check.message).toMatch(
      /^1 of 4 classes present in the labels is never predicted: bird \(10 label pixels\)\./,
    );
  });

  it('warns, not fails, for exactly half never predicted', () => {
    const scores = scoresOf(4, [
      [0, 0, 40],
      [1, 1, 30],
      [2, 0, 20],
      [3, 0, 10],
    ]);
    const check = checkMissingClasses(scores, NAMES, OPTIONS);
    expect(check.status).toBe('warn');
    expect(check.message).toContain('bicycle (20 label pixels), bird (10 label pixels)');
  });

  it('fails for more than half never predicted', () => {
    const scores = scoresOf(4, [
      [0, 0, 40],
      [1, 0, 30],
      [2, 0, 20],
      [3, 0, 10],
    ]);
    const check = checkMissingClasses(scores, NAMES, OPTIONS);
    expect(check.status).toBe('fail');
    expect(check.message).toMatch(
      /^3 of 4 classes present in the labels are never predicted: aeroplane \(30 label pixels\), bicycle \(20 label pixels\), bird \(10 label pixels\)\. That is more than 50\.0%/,
    );
  });

  it('ignores classes absent from the labels', () => {
    // bird is predicted but never labelled; bicycle is neither: only 2 classes are present.
    const scores = scoresOf(4, [
      [0, 0, 40],
      [0, 3, 5],
      [1, 1, 30],
    ]);
    expect(checkMissingClasses(scores, NAMES, OPTIONS).status).toBe('pass');
  });
});

describe('checkPerImageCollapse', () => {
  const single = (id: string) =>
    imageReport(id, [
      [0, 0, 5],
      [1, 0, 5],
    ]);
  const segmented = (id: string) =>
    imageReport(id, [
      [0, 0, 5],
      [1, 1, 5],
    ]);
  const oneClassLabel = imageReport('one-class', [[0, 0, 10]]);
  const unscored = imageReport('unscored', [], false);

  it('passes at exactly half of the eligible images', () => {
    const images = [single('a'), segmented('b'), oneClassLabel, unscored];
    const check = checkPerImageCollapse(images, NAMES, OPTIONS);
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      '1 of 2 images whose labels contain two or more classes got a single predicted class (a all background).',
    );
  });

  it('fails above half and names a few ids', () => {
    const images = [
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(single),
      segmented('h'),
      oneClassLabel,
    ];
    const check = checkPerImageCollapse(images, NAMES, OPTIONS);
    expect(check.status).toBe('fail');
    expect(check.message).toMatch(
      /^7 of 8 images whose labels contain two or more classes got a single predicted class \(a all background, b all background, c all background, d all background, e all background and 2 more\)\. That is more than 50\.0% of them/,
    );
  });

  it('counts a single class other than background', () => {
    const image = imageReport('x', [
      [0, 2, 5],
      [1, 2, 5],
    ]);
    const check = checkPerImageCollapse([image], NAMES, OPTIONS);
    expect(check.status).toBe('fail');
    expect(check.message).toContain('(x all bicycle)');
  });

  it('skips when no image has two labelled classes', () => {
    const check = checkPerImageCollapse([oneClassLabel, unscored], NAMES, OPTIONS);
    expect(check.status).toBe('skip');
  });
});

describe('majorityClassBaseline', () => {
  it('matches the scores of an explicit majority-class matrix', () => {
    // Supports 60, 30, 10 over 3 classes; predicting class 0 everywhere.
    const scores = scoresOf(3, [
      [0, 0, 50],
      [0, 1, 10],
      [1, 1, 30],
      [2, 2, 10],
    ]);
    const baseline = majorityClassBaseline(scores);
    expect(baseline).toEqual({ classId: 0, pixelAccuracy: 0.6, miou: 0.6 / 3 });

    const explicit = computeScores(
      matrixOf(3, [
        [0, 0, 60],
        [1, 0, 30],
        [2, 0, 10],
      ]),
    );
    expect(baseline?.miou).toBeCloseTo(explicit.miou ?? Number.NaN, 15);
    expect(baseline?.pixelAccuracy).toBe(explicit.pixelAccuracy);
  });

  it('picks the lowest id on a tie', () => {
    const scores = scoresOf(3, [
      [1, 1, 50],
      [2, 2, 50],
    ]);
    // Class 0 has no label pixels, so the mean runs over the two present classes.
    expect(majorityClassBaseline(scores)).toEqual({ classId: 1, pixelAccuracy: 0.5, miou: 0.25 });
  });

  it('returns null without scored pixels', () => {
    expect(majorityClassBaseline(computeScores(new ConfusionMatrix(3)))).toBeNull();
  });
});

describe('checkTrivialBaseline', () => {
  // Supports 60, 30, 10; the majority predictor scores mIoU 0.2000, pixel accuracy 0.6000.

  it('passes a model 0.1333 above the trivial mIoU', () => {
    // Background all right; aeroplane 10 of 30 right, the rest background; bird all background.
    // IoU: background 60/90, aeroplane 10/30, bird 0 -> mIoU 1/3; pixel accuracy 70/100.
    const scores = scoresOf(3, [
      [0, 0, 60],
      [1, 0, 20],
      [1, 1, 10],
      [2, 0, 10],
    ]);
    const check = checkTrivialBaseline(scores, NAMES, OPTIONS);
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      "Model mIoU 0.3333 and pixel accuracy 0.7000 vs mIoU 0.2000 and pixel accuracy 0.6000 for a trivial predictor that outputs background, the most frequent labelled class, for every pixel. The model's mIoU is 0.1333 above it (minimum margin 0.0500).",
    );
  });

  it('fails a model only 0.0263 above and explains pixel accuracy', () => {
    // Aeroplane 2 of 30 right: IoU background 60/98, aeroplane 2/30, bird 0 -> mIoU 0.2263.
    const scores = scoresOf(3, [
      [0, 0, 60],
      [1, 0, 28],
      [1, 1, 2],
      [2, 0, 10],
    ]);
    const check = checkTrivialBaseline(scores, NAMES, OPTIONS);
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      'Model mIoU 0.2263 and pixel accuracy 0.6200 vs mIoU 0.2000 and pixel accuracy 0.6000',
    );
    expect(check.message).toContain("The model's mIoU is only 0.0263 above it");
    expect(check.message).toContain(
      'Pixel accuracy misleads when one class dominates: background covers 60.0% of labelled pixels, so predicting it everywhere already reaches pixel accuracy 0.6000.',
    );
  });

  it('fails a model below the trivial predictor', () => {
    // Everything predicted aeroplane: IoU background 0, aeroplane 30/100, bird 0 -> mIoU 0.1.
    const scores = scoresOf(3, [
      [0, 1, 60],
      [1, 1, 30],
      [2, 1, 10],
    ]);
    const check = checkTrivialBaseline(scores, NAMES, OPTIONS);
    expect(check.status).toBe('fail');
    expect(check.message).toContain("The model's mIoU is 0.1000 below it");
  });

  it('passes at a margin exactly equal to the minimum', () => {
    const scores = scoresOf(3, [
      [0, 0, 60],
      [1, 0, 20],
      [1, 1, 10],
      [2, 0, 10],
    ]);
    // The margin is 1/3 - 0.2 = 0.13333...; the same value as a literal passes, a larger fails.
    const at = { ...OPTIONS, trivialMiouMargin: 0.13333333333333333 };
    const above = { ...OPTIONS, trivialMiouMargin: 0.1334 };
    expect(checkTrivialBaseline(scores, NAMES, at).status).toBe('pass');
    expect(checkTrivialBaseline(scores, NAMES, above).status).toBe('fail');
  });

  it('passes a weak but honest VOC-like model', () => {
    // Background is 70% of 10,000 labelled pixels, 19 other classes share the rest; the trivial
    // predictor scores 0.7 / 20 = 0.0350 mIoU at pixel accuracy 0.7000. The model gets every
    // background pixel and 20% of each other class: mIoU about 0.23.
    const counts: Triples = [[0, 0, 7000]];
    for (let id = 1; id < 20; id++) {
      const support = id < 19 ? 158 : 156;
      const right = Math.round(support * 0.2);
      counts.push([id, id, right], [id, 0, support - right]);
    }
    const scores = scoresOf(21, counts);
    const check = checkTrivialBaseline(scores, VOC_CLASS_NAMES, OPTIONS);
    expect(scores.miou).toBeGreaterThan(0.2);
    expect(scores.miou).toBeLessThan(0.26);
    expect(check.status).toBe('pass');
    expect(check.message).toContain('vs mIoU 0.0350 and pixel accuracy 0.7000');
  });

  it('skips without scored pixels', () => {
    expect(checkTrivialBaseline(scoresOf(3, []), NAMES, OPTIONS).status).toBe('skip');
  });
});

describe('runCollapseChecks', () => {
  it('returns the four checks in order', () => {
    const matrix = matrixOf(4, [
      [0, 0, 40],
      [1, 1, 30],
    ]);
    const images = [
      imageReport('a', [
        [0, 0, 40],
        [1, 1, 30],
      ]),
    ];
    const checks = runCollapseChecks({ matrix, images, classNames: NAMES });
    expect(checks.map((check) => [check.id, check.status])).toEqual([
      ['collapse.dominant-class', 'pass'],
      ['collapse.missing-classes', 'pass'],
      ['collapse.per-image', 'pass'],
      ['collapse.trivial-baseline', 'pass'],
    ]);
  });

  it('applies option overrides', () => {
    // Background 90% of predictions and labels: passes by default, fails at 0.9 / 0.0.
    const matrix = matrixOf(2, [
      [0, 0, 90],
      [1, 1, 10],
    ]);
    const checks = runCollapseChecks(
      { matrix, images: [], classNames: NAMES },
      { dominantShare: 0.9, dominantExcess: 0 },
    );
    expect(checks[0]?.status).toBe('fail');
  });

  it('rejects an option outside [0, 1]', () => {
    const input = { matrix: matrixOf(2, []), images: [], classNames: NAMES };
    expect(() => runCollapseChecks(input, { dominantShare: 1.5 })).toThrow(UsageError);
    expect(() => runCollapseChecks(input, { dominantShare: 1.5 })).toThrow(
      'Invalid value for dominantShare: expected a number in [0, 1], received 1.5.',
    );
  });
});
