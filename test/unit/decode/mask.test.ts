import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeMask, readMask } from '../../../src/decode/mask.js';
import { InputError } from '../../../src/errors.js';
import { encodePng, greyPalette, headerOnlyPng, makeTempDir, packSamples } from './png-fixtures.js';
import { PIL_SKIP_REASON, pythonWithPil, readWithPil } from './pil.js';

const MAX_PIXELS = 1_000_000;

/** Values of a 5x2 mask; width 5 leaves unused bits at the end of each packed row. */
const FIVE_BY_TWO = [0, 1, 2, 3, 0, 3, 2, 1, 0, 3];

let dir = '';
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('mask'));
});

afterAll(async () => {
  await cleanup();
});

async function writeFixture(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('decodeMask class-id encodings', () => {
  it('returns palette indices, not colours', async () => {
    const ids = Uint8Array.of(0, 1, 2, 15, 255, 20);
    const palette = greyPalette(256).map(([value]) => [255 - (value ?? 0), 7, 9]);
    const png = encodePng({ width: 3, height: 2, data: ids, depth: 8, channels: 1, palette });

    const result = await decodeMask(png, 'palette.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(result.encoding).toBe('palette');
    expect(result.mask.width).toBe(3);
    expect(result.mask.height).toBe(2);
    expect(Array.from(result.mask.data)).toEqual([0, 1, 2, 15, 255, 20]);
  });

  it('returns 8-bit grey values', async () => {
    const values = Uint8Array.of(0, 7, 255, 20, 1, 0);
    const png = encodePng({ width: 2, height: 3, data: values, depth: 8, channels: 1 });

    const result = await decodeMask(png, 'grey.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(result.encoding).toBe('grey');
    expect(result.mask.width).toBe(2);
    expect(result.mask.height).toBe(3);
    expect(Array.from(result.mask.data)).toEqual([0, 7, 255, 20, 1, 0]);
  });

  it('unpacks 4-bit palette indices', async () => {
    const data = packSamples(FIVE_BY_TWO, 5, 4);
    const png = encodePng({
      width: 5,
      height: 2,
      data,
      depth: 4,
      channels: 1,
      palette: greyPalette(4),
    });

    const result = await decodeMask(png, 'palette4.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(result.encoding).toBe('palette');
    expect(Array.from(result.mask.data)).toEqual(FIVE_BY_TWO);
  });

  it('unpacks 2-bit palette indices', async () => {
    const data = packSamples(FIVE_BY_TWO, 5, 2);
    const png = encodePng({
      width: 5,
      height: 2,
      data,
      depth: 2,
      channels: 1,
      palette: greyPalette(4),
    });

    const result = await decodeMask(png, 'palette2.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(Array.from(result.mask.data)).toEqual(FIVE_BY_TWO);
  });

  it('unpacks 1-bit palette indices', async () => {
    const values = [1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1];
    const data = packSamples(values, 10, 1);
    const png = encodePng({
      width: 10,
      height: 2,
      data,
      depth: 1,
      channels: 1,
      palette: greyPalette(2),
    });

    const result = await decodeMask(png, 'palette1.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(Array.from(result.mask.data)).toEqual(values);
  });

  it('returns raw 4-bit grey samples', async () => {
    const values = [0, 1, 2, 3, 4, 15, 2, 1, 0, 3];
    const data = packSamples(values, 5, 4);
    const png = encodePng({ width: 5, height: 2, data, depth: 4, channels: 1 });

    const result = await decodeMask(png, 'grey4.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(result.encoding).toBe('grey');
    expect(Array.from(result.mask.data)).toEqual(values);
  });

  it('decodes an Adam7 interlaced 8-bit palette PNG', async () => {
    const ids = Uint8Array.from({ length: 81 }, (_, index) => index % 21);
    const png = encodePng({
      width: 9,
      height: 9,
      data: ids,
      depth: 8,
      channels: 1,
      palette: greyPalette(256),
      interlace: 'Adam7',
    });
    expect(png[28]).toBe(1);

    const result = await decodeMask(png, 'adam7.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(Array.from(result.mask.data)).toEqual(Array.from(ids));
  });
});

describe.skipIf(pythonWithPil === null)('decodeMask against PIL', () => {
  it('matches PIL on a 4-bit palette PNG', async () => {
    const data = packSamples(FIVE_BY_TWO, 5, 4);
    const png = encodePng({
      width: 5,
      height: 2,
      data,
      depth: 4,
      channels: 1,
      palette: greyPalette(4),
    });
    const path = await writeFixture('palette4-pil.png', png);

    const pil = await readWithPil(path);
    const { result } = await readMask(path, MAX_PIXELS);

    expect(pil.mode).toBe('P');
    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(Array.from(result.mask.data)).toEqual(pil.values);
  });

  it('matches PIL on an Adam7 palette PNG', async () => {
    const ids = Uint8Array.from({ length: 130 }, (_, index) => (index * 7) % 22);
    const png = encodePng({
      width: 13,
      height: 10,
      data: ids,
      depth: 8,
      channels: 1,
      palette: greyPalette(256),
      interlace: 'Adam7',
    });
    const path = await writeFixture('adam7-pil.png', png);

    const pil = await readWithPil(path);
    const { result } = await readMask(path, MAX_PIXELS);

    expect(pil.mode).toBe('P');
    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(Array.from(result.mask.data)).toEqual(pil.values);
  });
});

describe.skipIf(pythonWithPil !== null)('decodeMask against PIL (skipped)', () => {
  it.skip(PIL_SKIP_REASON, () => {});
});

describe('decodeMask non-class-id encodings', () => {
  it('reports 16-bit grey', async () => {
    const data = Uint16Array.of(0, 1, 1000, 65535);
    const png = encodePng({ width: 2, height: 2, data, depth: 16, channels: 1 });

    const result = await decodeMask(png, 'grey16.png', MAX_PIXELS);

    expect(result).toEqual({
      kind: 'not-class-ids',
      width: 2,
      height: 2,
      encoding: 'grey',
      bitDepth: 16,
    });
  });

  it('reports RGB', async () => {
    const data = Uint8Array.of(128, 0, 0, 0, 128, 0, 0, 0, 0);
    const png = encodePng({ width: 3, height: 1, data, depth: 8, channels: 3 });

    const result = await decodeMask(png, 'rgb.png', MAX_PIXELS);

    expect(result).toEqual({
      kind: 'not-class-ids',
      width: 3,
      height: 1,
      encoding: 'rgb',
      bitDepth: 8,
    });
  });

  it('reports RGBA', async () => {
    const data = new Uint8Array(4 * 4 * 2).fill(255);
    const png = encodePng({ width: 4, height: 2, data, depth: 8, channels: 4 });

    const result = await decodeMask(png, 'rgba.png', MAX_PIXELS);

    expect(result).toEqual({
      kind: 'not-class-ids',
      width: 4,
      height: 2,
      encoding: 'rgba',
      bitDepth: 8,
    });
  });

  it('reports grey with alpha', async () => {
    const data = Uint8Array.of(1, 255, 2, 255);
    const png = encodePng({ width: 2, height: 1, data, depth: 8, channels: 2 });

    const result = await decodeMask(png, 'grey-alpha.png', MAX_PIXELS);

    expect(result).toEqual({
      kind: 'not-class-ids',
      width: 2,
      height: 1,
      encoding: 'grey-alpha',
      bitDepth: 8,
    });
  });
});

describe('decodeMask errors', () => {
  it('rejects a JPEG label', async () => {
    const jpeg = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 128, g: 0, b: 0 } },
    })
      .jpeg()
      .toBuffer();

    const decoding = decodeMask(jpeg, '/data/labels/2007_000033.png', MAX_PIXELS);

    await expect(decoding).rejects.toThrow(InputError);
    await expect(decoding).rejects.toThrow(
      '/data/labels/2007_000033.png is a JPEG file, not a PNG: class-id masks must be PNG files',
    );
  });

  it('rejects bytes of no known format', async () => {
    const garbage = new TextEncoder().encode('this is not an image at all');

    const decoding = decodeMask(garbage, 'garbage.png', MAX_PIXELS);

    await expect(decoding).rejects.toThrow(
      'garbage.png is not a PNG file: class-id masks must be PNG files',
    );
  });

  it('rejects a huge header before decoding', async () => {
    const png = headerOnlyPng(100_000, 100_000, 8, 3);

    const decoding = decodeMask(png, 'huge.png', 50_000_000);

    await expect(decoding).rejects.toThrow(InputError);
    await expect(decoding).rejects.toThrow(
      'huge.png declares 100000x100000 = 10000000000 pixels, more than --max-pixels 50000000; ' +
        'raise --max-pixels if the file is genuine.',
    );
  });

  it('accepts exactly max-pixels', async () => {
    const png = encodePng({ width: 4, height: 3, data: new Uint8Array(12), depth: 8, channels: 1 });

    const result = await decodeMask(png, 'exact.png', 12);

    expect(result.kind).toBe('mask');
  });

  it('rejects one pixel over max-pixels', async () => {
    const png = encodePng({ width: 4, height: 3, data: new Uint8Array(12), depth: 8, channels: 1 });

    await expect(decodeMask(png, 'over.png', 11)).rejects.toThrow(
      'over.png declares 4x3 = 12 pixels, more than --max-pixels 11;',
    );
  });

  it('rejects a header without pixel data', async () => {
    const png = headerOnlyPng(4, 4, 8, 3);

    await expect(decodeMask(png, 'empty.png', MAX_PIXELS)).rejects.toThrow(
      'Failed to decode the pixel data of empty.png',
    );
  });

  it('rejects a truncated file', async () => {
    const ids = Uint8Array.from({ length: 400 }, (_, index) => index % 21);
    const png = encodePng({
      width: 20,
      height: 20,
      data: ids,
      depth: 8,
      channels: 1,
      palette: greyPalette(21),
    });

    const truncated = png.subarray(0, png.length - 30);

    await expect(decodeMask(truncated, 'cut.png', MAX_PIXELS)).rejects.toThrow(
      'Failed to decode the pixel data of cut.png',
    );
  });

  it('rejects a corrupted data chunk', async () => {
    const ids = Uint8Array.from({ length: 400 }, (_, index) => index % 21);
    const png = encodePng({
      width: 20,
      height: 20,
      data: ids,
      depth: 8,
      channels: 1,
      palette: greyPalette(21),
    });
    const corrupted = Uint8Array.from(png);
    const idat = Buffer.from(corrupted).indexOf('IDAT');
    corrupted[idat + 10] = (corrupted[idat + 10] ?? 0) ^ 0xff;

    await expect(decodeMask(corrupted, 'flipped.png', MAX_PIXELS)).rejects.toThrow(
      'Failed to decode the pixel data of flipped.png',
    );
  });

  it('rejects an invalid bit depth', async () => {
    const png = headerOnlyPng(4, 4, 16, 3);

    await expect(decodeMask(png, 'bad-depth.png', MAX_PIXELS)).rejects.toThrow(
      'Invalid PNG header in bad-depth.png: colour type 3 allows bit depths 1, 2, 4, 8, not 16.',
    );
  });

  it('rejects interlaced sub-byte masks', async () => {
    const data = packSamples(FIVE_BY_TWO, 5, 4);
    const png = encodePng({
      width: 5,
      height: 2,
      data,
      depth: 4,
      channels: 1,
      palette: greyPalette(4),
    });
    const interlaced = Uint8Array.from(png);
    interlaced[28] = 1;

    await expect(decodeMask(interlaced, 'adam7-4bit.png', MAX_PIXELS)).rejects.toThrow(
      'adam7-4bit.png is an interlaced (Adam7) PNG with bit depth 4',
    );
  });

  it('reports a missing file', async () => {
    const path = join(dir, 'absent.png');

    await expect(readMask(path, MAX_PIXELS)).rejects.toThrow(`Mask file not found: ${path}.`);
  });
});

describe('readMask', () => {
  it('returns the file bytes', async () => {
    const png = encodePng({
      width: 2,
      height: 1,
      data: Uint8Array.of(3, 4),
      depth: 8,
      channels: 1,
    });
    const path = await writeFixture('bytes.png', png);

    const { result, bytes } = await readMask(path, MAX_PIXELS);

    expect(Array.from(bytes)).toEqual(Array.from(png));
    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(Array.from(result.mask.data)).toEqual([3, 4]);
  });
});
