import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import type { ClassIdMask } from '../../src/decode/types.js';
import {
  IGNORE_COLOUR,
  PANEL_GAP,
  createOverlayCollector,
  imageMeanIou,
  safeFileName,
} from '../../src/overlays/index.js';
import { WorstK } from '../../src/overlays/worst-k.js';
import { VOC_ROOT, VOC_SAMPLE_IDS, hasShared } from '../helpers/shared.js';

const WIDTH = 4;
const HEIGHT = 2;

function mask(values: number[]): ClassIdMask {
  return { width: WIDTH, height: HEIGHT, data: Uint8Array.from(values) };
}

/** Counts of a label/prediction pair as sparse `[true, predicted, pixels]` triples. */
function countsOf(
  label: ClassIdMask,
  prediction: ClassIdMask,
  ignoreIndex = 255,
): [number, number, number][] {
  const cells = new Map<string, number>();
  label.data.forEach((truth, index) => {
    if (truth !== ignoreIndex) {
      const key = `${truth},${prediction.data[index]}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
  });
  return [...cells].map(([key, pixels]) => {
    const [truth, predicted] = key.split(',').map(Number);
    return [truth ?? 0, predicted ?? 0, pixels];
  });
}

/** Writes a 4x2 PNG whose pixel i is (10 * i, 20, 30) to a temp file and returns its path. */
async function photo(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'seg-gate-overlay-')), 'photo.png');
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let i = 0; i < WIDTH * HEIGHT; i++) {
    data.set([10 * i, 20, 30], i * 3);
  }
  await sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .png()
    .toFile(path);
  return path;
}

async function pixelsOf(path: string): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function pixel(image: { width: number; data: Buffer }, x: number, y: number): number[] {
  const offset = (y * image.width + x) * 3;
  return [...image.data.subarray(offset, offset + 3)];
}

describe('imageMeanIou', () => {
  it('averages IoU over classes in label or prediction', () => {
    // Class 0: intersection 6, union 6 + 2 = 8. Class 1: intersection 2, union 2 + 2 = 4.
    expect(
      imageMeanIou(
        [
          [0, 0, 6],
          [0, 1, 2],
          [1, 1, 2],
        ],
        21,
      ),
    ).toBe((6 / 8 + 2 / 4) / 2);
  });

  it('counts a class seen only in the prediction', () => {
    // Class 0: 0 / 4. Class 3 (predicted only): 0 / 4.
    expect(imageMeanIou([[0, 3, 4]], 21)).toBe(0);
  });

  it('leaves out ids outside the class range', () => {
    expect(
      imageMeanIou(
        [
          [255, 0, 9],
          [1, 1, 3],
        ],
        21,
      ),
    ).toBe(1);
    expect(imageMeanIou([[255, 255, 9]], 21)).toBeNull();
  });
});

describe('WorstK', () => {
  it('keeps the lowest scores and builds only kept entries', () => {
    const worst = new WorstK<string>(2);
    const built: string[] = [];
    for (const [score, name] of [
      [0.5, 'a'],
      [0.2, 'b'],
      [0.9, 'c'],
      [0.1, 'd'],
      [0.2, 'e'],
    ] as const) {
      worst.offer(score, () => {
        built.push(name);
        return name;
      });
    }

    expect(worst.values()).toEqual([
      { score: 0.1, value: 'd' },
      { score: 0.2, value: 'b' },
    ]);
    expect(built).toEqual(['a', 'b', 'd']);
  });
});

describe('createOverlayCollector', () => {
  it('draws the worst images side by side in the VOC palette', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seg-gate-overlays-'));
    const imagePath = await photo();
    const collector = createOverlayCollector({ k: 2, dir, numClasses: 21, ignoreIndex: 255 });
    const label = mask([0, 1, 1, 255, 0, 0, 15, 15]);

    const perfect = mask([0, 1, 1, 0, 0, 0, 15, 15]);
    const wrong = mask([0, 0, 0, 0, 0, 0, 0, 0]);
    const partly = mask([0, 1, 0, 0, 0, 0, 15, 0]);
    for (const [id, prediction] of [
      ['good', perfect],
      ['bad/one', wrong],
      ['mid', partly],
    ] as const) {
      await collector.onImage(
        { id, imagePath, labelPath: '' },
        label,
        prediction,
        countsOf(label, prediction),
      );
    }
    const paths = await collector.finish();

    expect(paths.map((path) => basename(path))).toEqual(['01-bad_one.png', '02-mid.png']);
    const drawn = await pixelsOf(paths[0] ?? '');
    expect([drawn.width, drawn.height]).toEqual([WIDTH * 3 + PANEL_GAP * 2, HEIGHT]);
    expect(pixel(drawn, 1, 0)).toEqual([10, 20, 30]);
    const truth = WIDTH + PANEL_GAP;
    expect(pixel(drawn, truth + 1, 0)).toEqual([128, 0, 0]);
    expect(pixel(drawn, truth + 3, 0)).toEqual([...IGNORE_COLOUR]);
    expect(pixel(drawn, truth + 2, 1)).toEqual([192, 128, 128]);
    const prediction = (WIDTH + PANEL_GAP) * 2;
    expect(pixel(drawn, prediction + 1, 0)).toEqual([0, 0, 0]);
    expect(pixel(drawn, WIDTH, 0)).toEqual([255, 255, 255]);
  });

  it('writes nothing for k = 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seg-gate-overlays-'));
    const collector = createOverlayCollector({ k: 0, dir, numClasses: 21, ignoreIndex: 255 });
    const label = mask([0, 0, 0, 0, 1, 1, 1, 1]);
    await collector.onImage(
      { id: 'x', imagePath: await photo(), labelPath: '' },
      label,
      label,
      countsOf(label, label),
    );

    expect(await collector.finish()).toEqual([]);
  });

  it('names the image when it cannot be decoded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seg-gate-overlays-'));
    const collector = createOverlayCollector({ k: 1, dir, numClasses: 21, ignoreIndex: 255 });
    const label = mask([0, 0, 0, 0, 1, 1, 1, 1]);
    await collector.onImage(
      { id: 'gone', imagePath: join(dir, 'missing.jpg'), labelPath: '' },
      label,
      label,
      countsOf(label, label),
    );

    await expect(collector.finish()).rejects.toThrow(
      `Failed to draw the overlay of gone: decoding ${join(dir, 'missing.jpg')} failed`,
    );
  });

  it('makes image ids safe file names', () => {
    expect(safeFileName('2007_000033')).toBe('2007_000033');
    expect(safeFileName('../etc/passwd')).toBe('__etc_passwd');
    expect(safeFileName('')).toBe('image');
  });
});

describe.skipIf(!hasShared)('overlays of a real VOC image', () => {
  it('draws the image at label size', async () => {
    const { decode } = await import('fast-png');
    const id = readFileSync(VOC_SAMPLE_IDS, 'utf8').split('\n')[0]?.trim() ?? '';
    const imagePath = join(VOC_ROOT, 'JPEGImages', `${id}.jpg`);
    const png = decode(readFileSync(join(VOC_ROOT, 'SegmentationClass', `${id}.png`)));
    const label: ClassIdMask = {
      width: png.width,
      height: png.height,
      data: Uint8Array.from(png.data),
    };
    const background: ClassIdMask = { ...label, data: new Uint8Array(label.data.length) };
    const dir = mkdtempSync(join(tmpdir(), 'seg-gate-overlays-'));
    const collector = createOverlayCollector({ k: 1, dir, numClasses: 21, ignoreIndex: 255 });

    await collector.onImage(
      { id, imagePath, labelPath: '' },
      label,
      background,
      countsOf(label, background),
    );
    const [path] = await collector.finish();
    const drawn = await pixelsOf(path ?? '');

    expect([drawn.width, drawn.height]).toEqual([png.width * 3 + PANEL_GAP * 2, png.height]);
  });
});
