import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mulberry32,
  pairedBootstrapMiou,
  percentile,
  type PairedCounts,
} from '../../../src/checks/bootstrap.js';
import { computeScores } from '../../../src/metrics/scores.js';
import { hasPythonModules, runPythonJson } from '../../helpers/python.js';
import { matrixOf, type Triples } from './builders.js';

const REFERENCE_SCRIPT = fileURLToPath(
  new URL('../../fixtures/checks/bootstrap_reference.py', import.meta.url),
);
const OPTIONS = { resamples: 1000, seed: 12345, confidence: 0.95 };

/**
 * Builds synthetic per-image counts for 5 classes. Each image labels background and one or two
 * object classes. The baseline finds about 80% of each object and the current run a varying share
 * (50% to 100%), so the mIoU difference has a real spread.
 */
function syntheticPairs(count: number, seed: number): PairedCounts[] {
  const random = mulberry32(seed);
  const pairs: PairedCounts[] = [];
  for (let image = 0; image < count; image++) {
    const background = 500 + Math.floor(random() * 1500);
    const current: Triples = [[0, 0, background]];
    const baseline: Triples = [[0, 0, background]];
    const objects = 1 + Math.floor(random() * 2);
    for (let k = 0; k < objects; k++) {
      const classId = 1 + Math.floor(random() * 4);
      const support = 50 + Math.floor(random() * 450);
      const baselineFound = Math.round(support * 0.8);
      const currentFound = Math.round(support * (0.5 + random() * 0.5));
      baseline.push([classId, classId, baselineFound], [classId, 0, support - baselineFound]);
      current.push([classId, classId, currentFound], [classId, 0, support - currentFound]);
    }
    pairs.push({ current, baseline });
  }
  return pairs;
}

describe('mulberry32', () => {
  it('matches an independent Python implementation', () => {
    // Golden values from test/fixtures/checks/mulberry32_reference.py 12345 5 and 0 3.
    const fromSeed = mulberry32(12345);
    expect(Array.from({ length: 5 }, () => fromSeed())).toEqual([
      0.9797282677609473, 0.3067522644996643, 0.484205421525985, 0.817934412509203,
      0.5094283693470061,
    ]);
    const fromZero = mulberry32(0);
    expect(Array.from({ length: 3 }, () => fromZero())).toEqual([
      0.26642920868471265, 0.0003297457005828619, 0.2232720274478197,
    ]);
  });

  it('stays in [0, 1)', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('percentile', () => {
  it('interpolates linearly like numpy', () => {
    // numpy.percentile([1, 2, 3, 4], [2.5, 50, 97.5]) is [1.075, 2.5, 3.925]: rank q * (n - 1).
    const sorted = [1, 2, 3, 4];
    expect(percentile(sorted, 0.025)).toBeCloseTo(1.075, 12);
    expect(percentile(sorted, 0.5)).toBe(2.5);
    expect(percentile(sorted, 0.975)).toBeCloseTo(3.925, 12);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 1)).toBe(4);
    expect(percentile([5], 0.3)).toBe(5);
  });

  it('rejects an empty array', () => {
    expect(() => percentile([], 0.5)).toThrow(RangeError);
  });
});

describe('pairedBootstrapMiou', () => {
  const pairs = syntheticPairs(60, 99);

  it('is deterministic for a seed', () => {
    const first = pairedBootstrapMiou(pairs, 5, OPTIONS);
    const second = pairedBootstrapMiou(pairs, 5, OPTIONS);
    expect(second.deltas).toEqual(first.deltas);
    expect(second.interval).toEqual(first.interval);
  });

  it('changes with the seed', () => {
    const first = pairedBootstrapMiou(pairs, 5, OPTIONS);
    const other = pairedBootstrapMiou(pairs, 5, { ...OPTIONS, seed: 1 });
    expect(other.deltas).not.toEqual(first.deltas);
  });

  it('computes the point estimate from all images', () => {
    const result = pairedBootstrapMiou(pairs, 5, OPTIONS);
    const current = computeScores(matrixOf(5, pairs.flatMap((pair) => pair.current) as Triples));
    const baseline = computeScores(matrixOf(5, pairs.flatMap((pair) => pair.baseline) as Triples));
    expect(result.currentMiou).toBe(current.miou);
    expect(result.baselineMiou).toBe(baseline.miou);
    expect(result.estimate).toBe((current.miou ?? 0) - (baseline.miou ?? 0));
  });

  it('gives an interval that contains the point estimate', () => {
    const result = pairedBootstrapMiou(pairs, 5, OPTIONS);
    const [lower, upper] = result.interval ?? [Number.NaN, Number.NaN];
    expect(result.deltas).toHaveLength(1000);
    expect(lower).toBeLessThan(result.estimate ?? Number.NaN);
    expect(upper).toBeGreaterThan(result.estimate ?? Number.NaN);
  });

  it('gives zero and [0, 0] for identical runs', () => {
    const same = pairs.map((pair) => ({ current: pair.baseline, baseline: pair.baseline }));
    const result = pairedBootstrapMiou(same, 5, OPTIONS);
    expect(result.estimate).toBe(0);
    expect(result.interval).toEqual([0, 0]);
    expect(result.deltas.every((delta) => delta === 0)).toBe(true);
  });

  it('draws only the three outcomes of two images', () => {
    // Image a: current mIoU change 0 (identical); image b: class 1 lost entirely.
    // Resamples {a, a}, {a, b}, {b, b} have probabilities 1/4, 1/2, 1/4.
    const a: PairedCounts = {
      current: [
        [0, 0, 10],
        [1, 1, 10],
      ],
      baseline: [
        [0, 0, 10],
        [1, 1, 10],
      ],
    };
    const b: PairedCounts = {
      current: [
        [0, 0, 10],
        [1, 0, 10],
      ],
      baseline: [
        [0, 0, 10],
        [1, 1, 10],
      ],
    };
    // {a, a}: 0. {a, b}: current IoU 0 = 20/30, IoU 1 = 10/20 -> mIoU 7/12, delta -5/12.
    // {b, b}: current IoU 0 = 20/40, IoU 1 = 0 -> mIoU 1/4, delta -3/4.
    const outcomes = [0, 7 / 12 - 1, 0.25 - 1];

    const result = pairedBootstrapMiou([a, b], 2, { ...OPTIONS, resamples: 4000 });
    const tally = [0, 0, 0];
    for (const delta of result.deltas) {
      const index = outcomes.findIndex((outcome) => Math.abs(outcome - delta) < 1e-12);
      expect(index, `unexpected delta ${delta}`).toBeGreaterThanOrEqual(0);
      tally[index] = (tally[index] ?? 0) + 1;
    }

    // Binomial standard errors at n = 4000 are below 0.008; 0.04 is 5 of them.
    expect(tally[0]! / 4000).toBeCloseTo(0.25, 1);
    expect(Math.abs(tally[1]! / 4000 - 0.5)).toBeLessThan(0.04);
    expect(Math.abs(tally[2]! / 4000 - 0.25)).toBeLessThan(0.04);

    expect(result.interval).toEqual([0.25 - 1, 0]);
  });

  it('returns one interval point for one image', () => {
    const result = pairedBootstrapMiou(pairs.slice(0, 1), 5, OPTIONS);
    expect(result.interval).toEqual([result.estimate, result.estimate]);
  });

  it('leaves out resamples without scored pixels', () => {
    const empty: PairedCounts = { current: [], baseline: [] };
    const scored: PairedCounts = { current: [[0, 0, 5]], baseline: [[0, 0, 5]] };
    const result = pairedBootstrapMiou([empty, scored], 2, OPTIONS);
    // {empty, empty} happens in about a quarter of the resamples.
    expect(result.deltas.length).toBeGreaterThan(650);
    expect(result.deltas.length).toBeLessThan(850);
  });

  it('returns null without any scored pixel', () => {
    const result = pairedBootstrapMiou([{ current: [], baseline: [] }], 3, OPTIONS);
    expect(result.estimate).toBeNull();
    expect(result.interval).toBeNull();
  });

  it('rejects a class id outside the class range', () => {
    expect(() => pairedBootstrapMiou([{ current: [[0, 7, 3]], baseline: [] }], 5, OPTIONS)).toThrow(
      'confusion triple [0, 7, 3] has a class id outside 0..4',
    );
  });
});

interface NumpySummary {
  estimate: number;
  mean: number;
  std: number;
  lower: number;
  upper: number;
}

const hasNumpy = await hasPythonModules(['numpy']);

describe.skipIf(!hasNumpy)('pairedBootstrapMiou against numpy', () => {
  const pairs = syntheticPairs(80, 2024);
  let directory = '';
  let reference: NumpySummary;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'seg-gate-bootstrap-'));
    const input = join(directory, 'pairs.json');
    await writeFile(
      input,
      JSON.stringify({ numClasses: 5, resamples: 20_000, seed: 7, images: pairs }),
    );
    reference = await runPythonJson<NumpySummary>(REFERENCE_SCRIPT, [input]);
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  // The two implementations draw different resamples (mulberry32 here, numpy's PCG64 there), so
  // only the distributions can agree. With 4,000 resamples here and 20,000 in numpy, the Monte
  // Carlo standard error of the mean difference is about 0.018 standard deviations, of the
  // standard deviation about 1.2%, and of a 2.5% or 97.5% percentile about 0.045 standard
  // deviations. The tolerances below are 4 to 6 of those standard errors.
  it('agrees on the point estimate exactly', () => {
    const result = pairedBootstrapMiou(pairs, 5, { ...OPTIONS, resamples: 4000 });
    expect(result.estimate).toBeCloseTo(reference.estimate, 12);
  });

  it('agrees on the mean, spread and interval', () => {
    const result = pairedBootstrapMiou(pairs, 5, { ...OPTIONS, resamples: 4000 });
    const deltas = Array.from(result.deltas);
    const mean = deltas.reduce((sum, value) => sum + value, 0) / deltas.length;
    const variance =
      deltas.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (deltas.length - 1);
    const std = Math.sqrt(variance);
    const [lower, upper] = result.interval ?? [Number.NaN, Number.NaN];

    expect(reference.std).toBeGreaterThan(0.005);
    expect(Math.abs(mean - reference.mean)).toBeLessThan(0.1 * reference.std);
    expect(Math.abs(std / reference.std - 1)).toBeLessThan(0.06);
    expect(Math.abs(lower - reference.lower)).toBeLessThan(0.25 * reference.std);
    expect(Math.abs(upper - reference.upper)).toBeLessThan(0.25 * reference.std);
  });
});
