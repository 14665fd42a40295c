import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readImageHeader } from '../../../src/decode/header.js';
import { readRgbImage } from '../../../src/decode/image.js';
import { InputError } from '../../../src/errors.js';
import { encodePng, makeTempDir } from './png-fixtures.js';

const MAX_PIXELS = 1_000_000;

let dir = '';
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('image'));
});

afterAll(async () => {
  await cleanup();
});

async function writeFixture(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function solidJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 90, g: 60, b: 30 } } })
    .jpeg()
    .toBuffer();
}

describe('readImageHeader', () => {
  it('reads size and format of a JPEG', async () => {
    const path = await writeFixture('photo.jpg', await solidJpeg(40, 30));

    const header = await readImageHeader(path, MAX_PIXELS);

    expect(header).toEqual({ width: 40, height: 30, format: 'jpeg' });
  });

  it('reads size and format of a PNG', async () => {
    const png = encodePng({ width: 5, height: 7, data: new Uint8Array(35), depth: 8, channels: 1 });
    const path = await writeFixture('grey.png', png);

    const header = await readImageHeader(path, MAX_PIXELS);

    expect(header).toEqual({ width: 5, height: 7, format: 'png' });
  });

  it('rejects more pixels than max-pixels', async () => {
    const path = await writeFixture('big.jpg', await solidJpeg(40, 30));

    const reading = readImageHeader(path, 1000);

    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(
      `${path} declares 40x30 = 1200 pixels, more than --max-pixels 1000; ` +
        'raise --max-pixels if the file is genuine.',
    );
  });

  it('reports a missing file', async () => {
    const path = join(dir, 'absent.jpg');

    await expect(readImageHeader(path, MAX_PIXELS)).rejects.toThrow(
      `Image file not found: ${path}.`,
    );
  });

  it('reports an unreadable file', async () => {
    const path = await writeFixture('garbage.jpg', new TextEncoder().encode('not an image'));

    const reading = readImageHeader(path, MAX_PIXELS);

    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(`Failed to read the image header of ${path}:`);
  });

  it('keeps the stored size of an EXIF-rotated JPEG', async () => {
    const rotated = await sharp(await solidJpeg(6, 2))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const path = await writeFixture('rotated.jpg', rotated);

    const header = await readImageHeader(path, MAX_PIXELS);

    expect(header.width).toBe(6);
    expect(header.height).toBe(2);
  });
});

describe('readRgbImage', () => {
  it('drops alpha from an RGBA PNG', async () => {
    const rgba = Uint8Array.of(255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 40);
    const path = await writeFixture(
      'rgba.png',
      encodePng({ width: 2, height: 2, data: rgba, depth: 8, channels: 4 }),
    );

    const image = await readRgbImage(path, MAX_PIXELS);

    expect(image.width).toBe(2);
    expect(image.height).toBe(2);
    expect(Array.from(image.data)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
  });

  it('expands grey to three channels', async () => {
    const path = await writeFixture(
      'grey3.png',
      encodePng({ width: 3, height: 1, data: Uint8Array.of(0, 100, 255), depth: 8, channels: 1 }),
    );

    const image = await readRgbImage(path, MAX_PIXELS);

    expect(Array.from(image.data)).toEqual([0, 0, 0, 100, 100, 100, 255, 255, 255]);
  });

  it('expands palette colours', async () => {
    const palette = [
      [128, 0, 0],
      [0, 128, 0],
    ];
    const path = await writeFixture(
      'palette.png',
      encodePng({ width: 2, height: 1, data: Uint8Array.of(1, 0), depth: 8, channels: 1, palette }),
    );

    const image = await readRgbImage(path, MAX_PIXELS);

    expect(Array.from(image.data)).toEqual([0, 128, 0, 128, 0, 0]);
  });

  it('does not apply EXIF orientation', async () => {
    const rotated = await sharp(await solidJpeg(6, 2))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const path = await writeFixture('rotated-rgb.jpg', rotated);

    const image = await readRgbImage(path, MAX_PIXELS);

    expect(image.width).toBe(6);
    expect(image.height).toBe(2);
    expect(image.data.length).toBe(6 * 2 * 3);
  });

  it('rejects more pixels than max-pixels', async () => {
    const path = await writeFixture('big-rgb.jpg', await solidJpeg(40, 30));

    await expect(readRgbImage(path, 1199)).rejects.toThrow(
      `${path} declares 40x30 = 1200 pixels, more than --max-pixels 1199;`,
    );
  });

  it('reports a truncated JPEG', async () => {
    // Pseudo-random pixels give a long entropy-coded scan, so cutting the file at 70% keeps the
    // header intact and loses part of the pixel data.
    const pixels = Uint8Array.from({ length: 64 * 64 * 3 }, (_, index) => (index * 7919) % 251);
    const jpeg = await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } })
      .jpeg()
      .toBuffer();
    const path = await writeFixture('cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.7)));

    const reading = readRgbImage(path, MAX_PIXELS);

    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(`Failed to decode image ${path}:`);
  });
});
