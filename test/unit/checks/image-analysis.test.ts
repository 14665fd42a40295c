import { describe, expect, it } from 'vitest';
import { ImageAnalysis, type ImageAnalysisContext } from '../../../src/checks/image-analysis.js';
import { countBorderPixels } from '../../../src/checks/label-borders.js';
import { signatureGrid, signatureKey } from '../../../src/checks/signature.js';
import type { CheckRecord } from '../../../src/checks/types.js';
import type { ClassIdMask } from '../../../src/decode/types.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import { UsageError } from '../../../src/errors.js';
import { filledMask, maskOf, observation } from './builders.js';

const ONNX: ImageAnalysisContext = {
  ignoreIndex: 255,
  classNames: VOC_CLASS_NAMES,
  segmenterKind: 'onnx',
};

function checkById(checks: readonly CheckRecord[], id: string): CheckRecord {
  const check = checks.find((entry) => entry.id === id);
  if (!check) {
    throw new Error(`no check ${id}`);
  }
  return check;
}

/** Runs an analysis over label-only observations and returns one check. */
function labelCheck(
  labels: readonly ClassIdMask[],
  id: string,
  options: ConstructorParameters<typeof ImageAnalysis>[1] = {},
): CheckRecord {
  const analysis = new ImageAnalysis(ONNX, options);
  labels.forEach((label, index) => analysis.onImage(observation(`img${index}`, label, null)));
  return checkById(analysis.finish(), id);
}

/**
 * Builds a `width` x `height` label: background on the left, person (15) on the right, and a
 * one-pixel column of car (7) between them, as a bilinear upscale leaves between 0 and 15.
 */
function stripLabel(width: number, height: number): ClassIdMask {
  const data = new Uint8Array(width * height);
  const middle = Math.floor(width / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value = 15;
      if (x < middle) {
        value = 0;
      } else if (x === middle) {
        value = 7;
      }
      data[y * width + x] = value;
    }
  }
  return { width, height, data };
}

describe('countBorderPixels', () => {
  it('counts interior pixels of a square inside a frame', () => {
    const counts = countBorderPixels(
      maskOf([
        [0, 0, 0, 0],
        [0, 1, 1, 0],
        [0, 1, 1, 0],
        [0, 0, 0, 0],
      ]),
      255,
    );
    // Class 1: 4 pixels, each touches class 0. Class 0: 12 pixels; only the four corners have
    // all their in-image neighbours equal to 0. No pixel lies between two different values.
    expect(counts.pixels[1]).toBe(4);
    expect(counts.interior[1]).toBe(0);
    expect(counts.pixels[0]).toBe(12);
    expect(counts.interior[0]).toBe(4);
    expect(counts.between[0]).toBe(0);
    expect(counts.between[1]).toBe(0);
  });

  it('skips ignore pixels, which still end an interior', () => {
    const counts = countBorderPixels(
      maskOf([
        [5, 5, 5],
        [5, 255, 5],
        [5, 5, 5],
      ]),
      255,
    );
    expect(counts.pixels[5]).toBe(8);
    expect(counts.interior[5]).toBe(4);
    expect(counts.pixels[255]).toBe(0);
  });

  it('treats a whole-image region as interior', () => {
    const counts = countBorderPixels(filledMask(3, 2, 9), 255);
    expect(counts.pixels[9]).toBe(6);
    expect(counts.interior[9]).toBe(6);
  });

  it('counts pixels between two opposite neighbours', () => {
    const counts = countBorderPixels(
      maskOf([
        [0, 7, 15],
        [0, 7, 3],
        [0, 16, 255],
      ]),
      255,
    );
    // Row 0: 7 lies between 0 and 15. Row 1: 7 is not between 0 and 3. Row 2: 16 lies between 0
    // and the ignore index 255. Column 1: 7 (top) has no pixel above it; 7 (middle) is not
    // between 7 and 16. Edge pixels have no opposite pair across the edge.
    expect(counts.between[7]).toBe(1);
    expect(counts.between[16]).toBe(1);
    expect(counts.between[0]).toBe(0);
    expect(counts.between[15]).toBe(0);
    expect(counts.between[3]).toBe(0);
  });
});

describe('signatureGrid', () => {
  it('takes the pixel at each cell centre', () => {
    const mask = maskOf([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
      [13, 14, 15, 16],
    ]);
    // Centres of the 2x2 cells fall on rows 1 and 3, columns 1 and 3.
    expect([...signatureGrid(mask, 2)]).toEqual([6, 8, 14, 16]);
  });

  it('maps an odd size to rows 0 and 2', () => {
    const mask = maskOf([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect([...signatureGrid(mask, 2)]).toEqual([1, 3, 7, 9]);
  });

  it('gives equal keys for one class at different sizes', () => {
    const small = signatureKey(signatureGrid(filledMask(500, 375, 0), 16));
    const large = signatureKey(signatureGrid(filledMask(333, 500, 0), 16));
    expect(small).toBe(large);
    expect(signatureKey(signatureGrid(filledMask(10, 10, 1), 16))).not.toBe(small);
  });
});

describe('contract.labels.interpolated', () => {
  it('fails for a one-pixel strip id and names it', () => {
    // 60 pixels of car, none interior, all between background and person.
    const check = labelCheck([stripLabel(20, 60)], 'contract.labels.interpolated');
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      'Label value 7 (car, 60 pixels in 1 label) forms thin strips along region borders: in those labels fewer than 5.0% of its pixels have four neighbours with the same value, and at least 50.0% lie between the values of two opposite neighbours. Files (1): img0. Labels resized with bilinear interpolation create in-between ids along borders; resize labels with nearest neighbour.',
    );
  });

  it('sums strip pixels over the dataset', () => {
    // 25 + 25 strip pixels in two labels reach the 50-pixel minimum only together.
    const check = labelCheck(
      [stripLabel(20, 25), filledMask(5, 5, 0), stripLabel(20, 25)],
      'contract.labels.interpolated',
    );
    expect(check.status).toBe('fail');
    expect(check.message).toContain('7 (car, 50 pixels in 2 labels)');
    expect(check.message).toContain('Files (2): img0, img2.');
  });

  it('passes strips below the pixel minimum', () => {
    const check = labelCheck([stripLabel(20, 49)], 'contract.labels.interpolated');
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      'No label value forms thin in-between strips along region borders on 50 or more pixels. The largest is 7 (car, 49 pixels in 1 label).',
    );
  });

  it('does not let a real region elsewhere hide strips', () => {
    // Car is a full label in one image and a strip in another: only the strip pixels count.
    const check = labelCheck(
      [filledMask(30, 30, 7), stripLabel(20, 60)],
      'contract.labels.interpolated',
    );
    expect(check.status).toBe('fail');
    expect(check.message).toContain('7 (car, 60 pixels in 1 label)');
    expect(check.message).toContain('Files (1): img1.');
  });

  /**
   * `stripLabel(20, height)` plus a 3x3 car block inside the background: the block adds 9 car
   * pixels, 1 of them interior, none between two values.
   */
  function stripAndBlock(height: number): ClassIdMask {
    const label = stripLabel(20, height);
    for (let y = 1; y <= 3; y++) {
      for (let x = 1; x <= 3; x++) {
        label.data[y * 20 + x] = 7;
      }
    }
    return label;
  }

  it('flags only below the interior fraction', () => {
    // 11 strip + 9 block pixels: 1 of 20 interior is exactly 5.0%, which is not below the limit.
    // 12 strip + 9 block pixels: 1 of 21 interior (4.8%) is.
    const options = { interpolatedMinPixels: 20 };
    const at = labelCheck([stripAndBlock(11)], 'contract.labels.interpolated', options);
    const below = labelCheck([stripAndBlock(12)], 'contract.labels.interpolated', options);
    expect(at.status).toBe('pass');
    expect(at.message).toContain('No label value forms border strips in any label.');
    expect(below.status).toBe('fail');
    expect(below.message).toContain('7 (car, 21 pixels in 1 label)');
  });

  /**
   * `stripLabel(20, 30)` plus `extra` isolated car pixels inside the background, which are
   * neither interior nor between two values.
   */
  function stripAndSpecks(extra: number): ClassIdMask {
    if (extra > 45) {
      throw new RangeError('at most 45 specks fit');
    }
    const label = stripLabel(20, 30);
    for (let index = 0; index < extra; index++) {
      // Rows 0..29 at columns 1 and 3 alternately, then column 6.
      const row = index % 30;
      const column = index < 30 ? 1 + 2 * (index % 2) : 6;
      label.data[row * 20 + column] = 7;
    }
    return label;
  }

  it('flags from half of the pixels between two values', () => {
    // 30 of 60 car pixels (50%) lie between 0 and 15: flagged. 30 of 61 (49.2%): not flagged.
    const at = labelCheck([stripAndSpecks(30)], 'contract.labels.interpolated');
    const below = labelCheck([stripAndSpecks(31)], 'contract.labels.interpolated');
    expect(at.status).toBe('fail');
    expect(at.message).toContain('7 (car, 60 pixels in 1 label)');
    expect(below.status).toBe('pass');
  });

  it('passes a thin object bounded by the ignore index', () => {
    // A hand-drawn one-pixel pottedplant stem inside its void border: no interior pixels, but
    // never between two values, so it is not a strip.
    const grid = Array.from({ length: 60 }, () => [0, 0, 255, 16, 255, 0, 0]);
    const check = labelCheck([maskOf(grid)], 'contract.labels.interpolated');
    expect(check.status).toBe('pass');
  });

  it('ignores the ignore index around objects', () => {
    // A VOC-like label: a person square with a void (255) border inside background.
    const grid = Array.from({ length: 40 }, () => new Array<number>(40).fill(0));
    for (let y = 10; y < 30; y++) {
      for (let x = 10; x < 30; x++) {
        const border = y === 10 || y === 29 || x === 10 || x === 29;
        grid[y]![x] = border ? 255 : 15;
      }
    }
    const check = labelCheck([maskOf(grid)], 'contract.labels.interpolated');
    expect(check.status).toBe('pass');
  });

  it('skips without decoded labels', () => {
    const analysis = new ImageAnalysis(ONNX);
    analysis.onImage(observation('a', null, null));
    expect(checkById(analysis.finish(), 'contract.labels.interpolated').status).toBe('skip');
  });
});

describe('contract.labels.ignored-share', () => {
  /** Builds a 10x10 label with `ignored` pixels at 255 and the rest background. */
  const withIgnored = (ignored: number): ClassIdMask => {
    const mask = filledMask(10, 10, 0);
    mask.data.fill(255, 0, ignored);
    return mask;
  };
  const cases: [number, string][] = [
    [25, 'pass'],
    [26, 'warn'],
    [50, 'warn'],
    [51, 'fail'],
  ];

  it.each(cases)('reports %i of 100 ignored pixels as %s', (ignored, status) => {
    expect(labelCheck([withIgnored(ignored)], 'contract.labels.ignored-share').status).toBe(status);
  });

  it('explains a high share', () => {
    const check = labelCheck([withIgnored(60), withIgnored(60)], 'contract.labels.ignored-share');
    expect(check.message).toBe(
      '60.0% of label pixels (120 of 200 in 2 labels) equal the ignore index 255 and are not scored, more than the limit 50.0%. A share this high suggests a shifted or reduced label scheme, for example background mapped to 255 by a reduce-zero-label setting, or the wrong --ignore-index.',
    );
  });

  it('passes a low share with the numbers', () => {
    const check = labelCheck([withIgnored(5)], 'contract.labels.ignored-share');
    expect(check.message).toBe(
      '5.0% of label pixels (5 of 100 in 1 label) equal the ignore index 255 and are not scored, within the warning limit 25.0%.',
    );
  });
});

describe('contract.model.non-finite and logit-magnitude', () => {
  function outputChecks(
    stats: readonly { nonFinite: number; maxAbs: number }[],
    kind: ImageAnalysisContext['segmenterKind'] = 'onnx',
  ): [CheckRecord, CheckRecord] {
    const analysis = new ImageAnalysis({ ...ONNX, segmenterKind: kind });
    const label = filledMask(2, 2, 0);
    stats.forEach((entry, index) =>
      analysis.onImage(observation(`img${index}`, label, label, entry)),
    );
    const checks = analysis.finish();
    return [
      checkById(checks, 'contract.model.non-finite'),
      checkById(checks, 'contract.model.logit-magnitude'),
    ];
  }

  it('fails non-finite values and names the images', () => {
    const [nonFinite] = outputChecks([
      { nonFinite: 0, maxAbs: 12 },
      { nonFinite: 3, maxAbs: 10 },
      { nonFinite: 1200, maxAbs: 10 },
    ]);
    expect(nonFinite.status).toBe('fail');
    expect(nonFinite.message).toMatch(
      /^The raw model output contains 1,203 NaN or infinite values in 2 of 3 images, checked before argmax: img1 \(3\), img2 \(1,200\)\./,
    );
  });

  it('passes finite output', () => {
    const [nonFinite, magnitude] = outputChecks([
      { nonFinite: 0, maxAbs: 12.345 },
      { nonFinite: 0, maxAbs: 23.456 },
    ]);
    expect(nonFinite.status).toBe('pass');
    expect(nonFinite.message).toBe(
      'The raw model output of all 2 images is finite (checked before argmax).',
    );
    expect(magnitude.status).toBe('pass');
    expect(magnitude.message).toBe(
      'The largest absolute model output value is 23.46 (in img1), within the limit 1000.',
    );
  });

  it('passes a magnitude equal to the limit', () => {
    const [, magnitude] = outputChecks([{ nonFinite: 0, maxAbs: 1000 }]);
    expect(magnitude.status).toBe('pass');
  });

  it('fails a magnitude above the limit', () => {
    const [, magnitude] = outputChecks([
      { nonFinite: 0, maxAbs: 20 },
      { nonFinite: 0, maxAbs: 4321.5 },
    ]);
    expect(magnitude.status).toBe('fail');
    expect(magnitude.message).toContain(
      'The largest absolute model output value is 4322 (in img1), above the limit 1000.',
    );
    expect(magnitude.message).toContain(
      'pixels in 0..255 fed to a model trained on inputs in [-1, 1]',
    );
  });

  it('skips for prediction files', () => {
    const [nonFinite, magnitude] = outputChecks([], 'predictions');
    expect(nonFinite.status).toBe('skip');
    expect(magnitude.message).toBe('Prediction files carry no raw model output to examine.');
  });

  it('skips when no image reached the model', () => {
    const [nonFinite] = outputChecks([]);
    expect(nonFinite.status).toBe('skip');
  });
});

describe('contract.predictions.constant', () => {
  const labels = [
    filledMask(8, 8, 0),
    maskOf(Array.from({ length: 8 }, (_, y) => new Array<number>(8).fill(y < 4 ? 15 : 0))),
    filledMask(8, 8, 12),
  ];

  function constantCheck(pairs: readonly [ClassIdMask, ClassIdMask][]): CheckRecord {
    const analysis = new ImageAnalysis(ONNX);
    pairs.forEach(([label, prediction], index) =>
      analysis.onImage(observation(`img${index}`, label, prediction)),
    );
    return checkById(analysis.finish(), 'contract.predictions.constant');
  }

  it('fails when every prediction is the same and labels differ', () => {
    const prediction = filledMask(8, 8, 0);
    const check = constantCheck(labels.map((label) => [label, prediction]));
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      'All 3 scored predictions have the same 16x16 nearest-neighbour signature (background 100.0%) although their labels give 3 distinct signatures. The model ignores its input: a model collapsed to one output (see the collapse checks), a wrong input name, an all-zero input tensor or a cached output is likely.',
    );
  });

  it('fails for the same prediction at different image sizes', () => {
    const check = constantCheck([
      [filledMask(500, 375, 0), filledMask(500, 375, 15)],
      [filledMask(333, 500, 1), filledMask(333, 500, 15)],
      [filledMask(500, 333, 2), filledMask(500, 333, 15)],
    ]);
    expect(check.status).toBe('fail');
  });

  it('passes when predictions change', () => {
    const check = constantCheck(labels.map((label) => [label, label]));
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      'Predictions change with the input: 3 scored images give 3 distinct prediction signatures (16x16 nearest-neighbour signature) for 3 distinct label signatures.',
    );
  });

  it('skips below three scored images', () => {
    const prediction = filledMask(8, 8, 0);
    const check = constantCheck(labels.slice(0, 2).map((label) => [label, prediction]));
    expect(check.status).toBe('skip');
    expect(check.message).toContain('Only 2 images scored; at least 3 are needed');
  });

  it('skips when every label is the same', () => {
    const label = labels[1] as ClassIdMask;
    const check = constantCheck([
      [label, label],
      [label, label],
      [label, label],
    ]);
    expect(check.status).toBe('skip');
  });

  it('leaves unscored images out', () => {
    const analysis = new ImageAnalysis(ONNX);
    const prediction = filledMask(8, 8, 0);
    analysis.onImage(observation('a', labels[0]!, prediction));
    analysis.onImage(observation('b', labels[1]!, prediction));
    analysis.onImage(observation('c', labels[2]!, null));
    expect(checkById(analysis.finish(), 'contract.predictions.constant').status).toBe('skip');
  });
});

describe('ImageAnalysis', () => {
  it('returns its five checks in order', () => {
    expect(new ImageAnalysis(ONNX).finish().map((check) => check.id)).toEqual([
      'contract.labels.interpolated',
      'contract.labels.ignored-share',
      'contract.predictions.constant',
      'contract.model.non-finite',
      'contract.model.logit-magnitude',
    ]);
  });

  it('rejects invalid options', () => {
    expect(() => new ImageAnalysis(ONNX, { ignoredShareWarn: 0.6 })).toThrow(UsageError);
    expect(() => new ImageAnalysis(ONNX, { maxAbsLogit: 0 })).toThrow(
      'Invalid value for maxAbsLogit: expected a finite number above 0, received 0.',
    );
  });
});
