import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';

import { readImageHeader } from '../../../src/decode/header.js';
import { readMask } from '../../../src/decode/mask.js';
import { vocPalette } from '../../../src/decode/palette.js';
import { SHARED_SKIP_REASON, VOC_ROOT, VOC_SAMPLE_IDS, hasShared } from '../../helpers/shared.js';
import { pythonWithPil, readWithPil } from './pil.js';

const MAX_PIXELS = 50_000_000;
const LABELS_DIR = join(VOC_ROOT, 'SegmentationClass');
const IMAGES_DIR = join(VOC_ROOT, 'JPEGImages');

async function sampleIds(): Promise<string[]> {
  const text = await readFile(VOC_SAMPLE_IDS, 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}

function histogram(data: Uint8Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of data) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

describe.skipIf(!hasShared)('VOC sample labels', () => {
  it('decode as palette ids within 0..20 and 255', async () => {
    const ids = await sampleIds();
    expect(ids).toHaveLength(62);

    for (const id of ids) {
      const { result } = await readMask(join(LABELS_DIR, `${id}.png`), MAX_PIXELS);
      expect(result.kind, id).toBe('mask');
      if (result.kind !== 'mask') continue;
      expect(result.encoding, id).toBe('palette');

      const image = await readImageHeader(join(IMAGES_DIR, `${id}.jpg`), MAX_PIXELS);
      expect([result.mask.width, result.mask.height], id).toEqual([image.width, image.height]);

      for (const value of histogram(result.mask.data).keys()) {
        expect(value <= 20 || value === 255, `${id} has value ${value}`).toBe(true);
      }
    }
  });

  // Counts from fast-png; the PIL test below reads the same file independently.
  it('counts the pixels of 2007_001154', async () => {
    const { result } = await readMask(join(LABELS_DIR, '2007_001154.png'), MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    const counts = histogram(result.mask.data);
    expect(Object.fromEntries(counts)).toEqual({ 0: 164551, 16: 430, 18: 19930, 255: 2589 });
  });

  it('embed the VOC palette', async () => {
    const bytes = await readFile(join(LABELS_DIR, '2007_001154.png'));

    const embedded = decode(bytes).palette ?? [];

    expect(embedded.length).toBe(256);
    expect(embedded.flatMap((rgb) => rgb.slice(0, 3))).toEqual(Array.from(vocPalette()));
  });

  it.skipIf(pythonWithPil === null)('match PIL on 2007_001154', async () => {
    const path = join(LABELS_DIR, '2007_001154.png');

    const pil = await readWithPil(path);
    const { result } = await readMask(path, MAX_PIXELS);

    expect(pil.mode).toBe('P');
    expect(pil.histogram).toEqual({ '0': 164551, '16': 430, '18': 19930, '255': 2589 });
    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(Object.fromEntries(histogram(result.mask.data))).toEqual(
      Object.fromEntries(Object.entries(pil.histogram).map(([key, count]) => [Number(key), count])),
    );
    expect(pil.palette?.slice(0, 768)).toEqual(Array.from(vocPalette()));
  });
});

describe.skipIf(hasShared)('VOC sample labels (skipped)', () => {
  it.skip(SHARED_SKIP_REASON, () => {});
});
