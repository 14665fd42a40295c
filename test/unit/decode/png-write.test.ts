import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeMask } from '../../../src/decode/mask.js';
import { vocPalette } from '../../../src/decode/palette.js';
import { encodeClassIdPng, writeClassIdPng } from '../../../src/decode/png-write.js';
import type { ClassIdMask } from '../../../src/decode/types.js';
import { makeTempDir } from './png-fixtures.js';
import { PIL_SKIP_REASON, pythonWithPil, readWithPil } from './pil.js';

const MAX_PIXELS = 1_000_000;

/** A 7x3 mask with background, several VOC classes and the ignore index 255. */
const MASK: ClassIdMask = {
  width: 7,
  height: 3,
  data: Uint8Array.of(0, 0, 1, 1, 255, 15, 15, 0, 20, 20, 255, 15, 3, 3, 0, 0, 0, 7, 7, 255, 12),
};

let dir = '';
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('png-write'));
});

afterAll(async () => {
  await cleanup();
});

describe('encodeClassIdPng', () => {
  it('writes an 8-bit palette PNG', () => {
    const png = encodeClassIdPng(MASK);

    // IHDR starts at byte 16: width, height, bit depth, colour type.
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(16)).toBe(7);
    expect(view.getUint32(20)).toBe(3);
    expect(png[24]).toBe(8);
    expect(png[25]).toBe(3);
  });

  it('round-trips through decodeMask', async () => {
    const png = encodeClassIdPng(MASK);

    const result = await decodeMask(png, 'round-trip.png', MAX_PIXELS);

    expect(result.kind).toBe('mask');
    if (result.kind !== 'mask') return;
    expect(result.encoding).toBe('palette');
    expect(result.mask.width).toBe(7);
    expect(result.mask.height).toBe(3);
    expect(Array.from(result.mask.data)).toEqual(Array.from(MASK.data));
  });

  it('pads a short palette to 256 entries', async () => {
    const png = encodeClassIdPng(MASK, Uint8Array.of(10, 20, 30, 40, 50, 60));

    const plte = Buffer.from(png).indexOf('PLTE');
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(plte - 4)).toBe(768);
    expect(Array.from(png.subarray(plte + 4, plte + 13))).toEqual([
      10, 20, 30, 40, 50, 60, 0, 0, 0,
    ]);
  });

  it('rejects data of the wrong length', () => {
    const mask = { width: 4, height: 4, data: new Uint8Array(15) };

    expect(() => encodeClassIdPng(mask)).toThrow('Mask data has 15 entries, expected 4x4 = 16');
  });

  it('rejects a palette of partial entries', () => {
    expect(() => encodeClassIdPng(MASK, new Uint8Array(10))).toThrow(
      'Palette has 10 bytes, expected a multiple of 3 up to 768',
    );
  });
});

describe('writeClassIdPng', () => {
  it('creates parent folders and writes the PNG', async () => {
    const path = join(dir, 'nested', 'deeper', 'mask.png');

    await writeClassIdPng(path, MASK);

    const bytes = await readFile(path);
    expect(Array.from(bytes)).toEqual(Array.from(encodeClassIdPng(MASK)));
  });
});

describe.skipIf(pythonWithPil === null)('encodeClassIdPng read by PIL', () => {
  it('reads as mode P with the same ids and the VOC palette', async () => {
    const path = join(dir, 'pil.png');
    await writeClassIdPng(path, MASK);

    const pil = await readWithPil(path);

    expect(pil.mode).toBe('P');
    expect(pil.width).toBe(7);
    expect(pil.height).toBe(3);
    expect(pil.values).toEqual(Array.from(MASK.data));
    expect(pil.palette).toEqual(Array.from(vocPalette()));
  });
});

describe.skipIf(pythonWithPil !== null)('encodeClassIdPng read by PIL (skipped)', () => {
  it.skip(PIL_SKIP_REASON, () => {});
});
