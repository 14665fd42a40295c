import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { argmaxScores } from '../../../src/segmenters/argmax.js';
import {
  bilinearTaps,
  resizeBilinear,
  resizeBilinearArgmax,
} from '../../../src/segmenters/bilinear.js';
import { resizeNearest } from '../../../src/segmenters/nearest.js';
import type { ScoreView } from '../../../src/segmenters/score-view.js';
import { BILINEAR_FIXTURES } from './fixtures.js';

/**
 * Cases made by `test/fixtures/bilinear/make_reference.py` with PyTorch 1.13
 * (`interpolate(mode='bilinear', align_corners=False)`, `argmax(dim=1)` and
 * `interpolate(mode='nearest-exact')`) on seeded random float32 scores.
 */
interface ReferenceCase {
  readonly name: string;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly extent: { readonly width: number; readonly height: number };
  readonly size: { readonly width: number; readonly height: number };
  readonly scores: number[];
  readonly bilinear: number[];
  readonly argmax: number[];
  readonly nearest: number[];
}

const reference = JSON.parse(readFileSync(join(BILINEAR_FIXTURES, 'reference.json'), 'utf8')) as {
  cases: ReferenceCase[];
};

function nchwView(c: ReferenceCase): ScoreView {
  const data = Float32Array.from(c.scores);
  return { data, channels: c.channels, height: c.height, width: c.width, layout: 'nchw' };
}

/** Transposes the scores of a case to an NHWC view. */
function nhwcView(c: ReferenceCase): ScoreView {
  const data = new Float32Array(c.scores.length);
  for (let ch = 0; ch < c.channels; ch += 1) {
    for (let i = 0; i < c.height * c.width; i += 1) {
      data[i * c.channels + ch] = c.scores[ch * c.height * c.width + i] as number;
    }
  }
  return { data, channels: c.channels, height: c.height, width: c.width, layout: 'nhwc' };
}

describe('resizeBilinear against PyTorch', () => {
  it('has reference cases', () => {
    expect(reference.cases.map((c) => c.name)).toEqual([
      'upsample',
      'downsample',
      'crop-then-resize',
      'identity',
      'mixed-scale',
    ]);
  });

  for (const c of reference.cases) {
    it(`matches interpolate values: ${c.name}`, () => {
      const resized = resizeBilinear(nchwView(c), c.extent, c.size);
      expect(resized.length).toBe(c.bilinear.length);
      const worst = Math.max(...c.bilinear.map((v, i) => Math.abs(v - (resized[i] as number))));
      expect(worst).toBeLessThan(1e-5);
    });

    it(`matches interpolate then argmax: ${c.name}`, () => {
      expect([...resizeBilinearArgmax(nchwView(c), c.extent, c.size)]).toEqual(c.argmax);
    });

    it(`gives the same ids from NHWC: ${c.name}`, () => {
      expect([...resizeBilinearArgmax(nhwcView(c), c.extent, c.size)]).toEqual(c.argmax);
    });

    it(`matches nearest-exact of the argmax: ${c.name}`, () => {
      const ids = argmaxScores(nchwView(c));
      const source = { width: c.width, height: c.height };
      expect([...resizeNearest(ids, source, c.extent, c.size)]).toEqual(c.nearest);
    });
  }
});

describe('bilinearTaps', () => {
  it('uses half-pixel centres when enlarging 2x', () => {
    const taps = bilinearTaps(4, 2, 2);
    expect([...taps.lower]).toEqual([0, 0, 0, 1]);
    expect([...taps.upper]).toEqual([1, 1, 1, 1]);
    expect([...taps.weight]).toEqual([0, 0.25, 0.75, 0]);
  });

  it('clamps to the last pixel of a fractional extent', () => {
    const taps = bilinearTaps(3, 2.5, 4);
    expect(Math.max(...taps.upper)).toBe(2);
  });

  it('never reads past the source', () => {
    const taps = bilinearTaps(5, 3, 3);
    expect(Math.max(...taps.upper)).toBe(2);
    expect(Math.min(...taps.lower)).toBe(0);
  });
});

describe('resizeBilinearArgmax', () => {
  it('breaks ties towards the lowest class', () => {
    const view: ScoreView = {
      data: Float32Array.from([1, 1, 1, 1, 1, 1, 1, 1]),
      channels: 2,
      height: 2,
      width: 2,
      layout: 'nhwc',
    };
    expect([
      ...resizeBilinearArgmax(view, { width: 2, height: 2 }, { width: 3, height: 3 }),
    ]).toEqual(new Array(9).fill(0));
  });

  it('thresholds a single channel at 0.5', () => {
    const view: ScoreView = {
      data: Float32Array.from([0, 1]),
      channels: 1,
      height: 1,
      width: 2,
      layout: 'nhwc',
    };
    // Positions -0.25, 0.25, 0.75, 1.25 blend to 0, 0.25, 0.75, 1.
    expect([
      ...resizeBilinearArgmax(view, { width: 2, height: 1 }, { width: 4, height: 1 }),
    ]).toEqual([0, 0, 1, 1]);
  });

  it('reads only the extent of a padded output', () => {
    // Column 0 favours class 1, column 1 (padding) favours class 0.
    const view: ScoreView = {
      data: Float32Array.from([0, 5, 5, 0]),
      channels: 2,
      height: 1,
      width: 2,
      layout: 'nhwc',
    };
    expect([
      ...resizeBilinearArgmax(view, { width: 1, height: 1 }, { width: 3, height: 2 }),
    ]).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
