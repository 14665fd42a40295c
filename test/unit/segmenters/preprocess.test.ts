import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { InputError } from '../../../src/errors.js';
import { fitInside, preprocessImage } from '../../../src/segmenters/preprocess.js';
import type { PreprocessSpec } from '../../../src/segmenters/preprocess.js';
import { BLUE, RED, makeTempDir, writeColourPng } from './fixtures.js';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let halves = '';

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('preprocess'));
  // 8x4: left half red, right half blue.
  halves = await writeColourPng(join(dir, 'halves.png'), 8, 4, (x) => (x < 4 ? RED : BLUE));
});

afterAll(async () => {
  await cleanup();
});

function spec(overrides: Partial<PreprocessSpec> = {}): PreprocessSpec {
  return {
    inputSize: { width: 8, height: 4 },
    layout: 'nhwc',
    normalize: 'tf',
    channelOrder: 'rgb',
    resize: 'stretch',
    maxPixels: 1_000_000,
    ...overrides,
  };
}

/** Reads the three channel values of pixel (x, y) of an NHWC tensor of width `width`. */
function nhwcPixel(data: Float32Array, width: number, x: number, y: number): number[] {
  const base = (y * width + x) * 3;
  return [...data.subarray(base, base + 3)];
}

describe('preprocessImage', () => {
  it('scales RGB to [-1, 1] in NHWC with tf', async () => {
    const image = await preprocessImage(halves, spec());
    expect(image.data.length).toBe(8 * 4 * 3);
    expect(image.imageSize).toEqual({ width: 8, height: 4 });
    expect(image.valid).toEqual({ width: 8, height: 4 });
    expect(nhwcPixel(image.data, 8, 0, 0)).toEqual([1, -1, -1]);
    expect(nhwcPixel(image.data, 8, 7, 3)).toEqual([-1, -1, 1]);
  });

  it('writes colour planes in NCHW', async () => {
    const image = await preprocessImage(halves, spec({ layout: 'nchw' }));
    const plane = 8 * 4;
    // Pixel (0, 0) is red: plane 0 is 1, planes 1 and 2 are -1.
    expect([image.data[0], image.data[plane], image.data[2 * plane]]).toEqual([1, -1, -1]);
    // Pixel (7, 0) is blue.
    expect([image.data[7], image.data[plane + 7], image.data[2 * plane + 7]]).toEqual([-1, -1, 1]);
  });

  it('puts blue first with bgr but keeps its constants', async () => {
    const image = await preprocessImage(halves, spec({ channelOrder: 'bgr', normalize: 'torch' }));
    const blueAt255 = (1 - 0.406) / 0.225;
    const redAt0 = (0 - 0.485) / 0.229;
    const [first, second, third] = nhwcPixel(image.data, 8, 7, 0);
    expect(first).toBeCloseTo(blueAt255, 5);
    expect(second).toBeCloseTo((0 - 0.456) / 0.224, 5);
    expect(third).toBeCloseTo(redAt0, 5);
  });

  it('subtracts the caffe mean by colour', async () => {
    const image = await preprocessImage(halves, spec({ normalize: 'caffe' }));
    const [r, g, b] = nhwcPixel(image.data, 8, 0, 0);
    expect(r).toBeCloseTo(255 - 123.68, 4);
    expect(g).toBeCloseTo(-116.779, 4);
    expect(b).toBeCloseTo(-103.939, 4);
  });

  it('stretches to the input size', async () => {
    const image = await preprocessImage(halves, spec({ inputSize: { width: 4, height: 4 } }));
    expect(image.valid).toEqual({ width: 4, height: 4 });
    // Shrinking 8 to 4 columns: columns 0 and 3 stay pure red and pure blue.
    expect(nhwcPixel(image.data, 4, 0, 2)).toEqual([1, -1, -1]);
    expect(nhwcPixel(image.data, 4, 3, 2)).toEqual([-1, -1, 1]);
  });

  it('enlarges with the libvips offset', async () => {
    // Locks the NOTE in preprocessImage: libvips 8.18 reads position i / 2 - 0.5 when enlarging
    // 2x, where half-pixel bilinear would give 0, 20, 60, ..., 220, 240.
    const ramp = join(dir, 'ramp.png');
    await sharp(Buffer.from([0, 80, 160, 240]), { raw: { width: 4, height: 1, channels: 1 } })
      .png()
      .toFile(ramp);
    const image = await preprocessImage(
      ramp,
      spec({ inputSize: { width: 8, height: 1 }, normalize: 'none' }),
    );
    const red = [...image.data].filter((_, i) => i % 3 === 0);
    expect(red).toEqual([0, 0, 40, 80, 120, 160, 200, 240]);
  });

  it('pads bottom and right with 0 after normalising', async () => {
    const image = await preprocessImage(
      halves,
      spec({ inputSize: { width: 4, height: 4 }, resize: 'pad' }),
    );
    expect(image.valid).toEqual({ width: 4, height: 2 });
    expect(nhwcPixel(image.data, 4, 0, 0)).toEqual([1, -1, -1]);
    expect(nhwcPixel(image.data, 4, 3, 1)).toEqual([-1, -1, 1]);
    // Rows 2 and 3 are padding: 0, not the -1 that black would give with tf.
    expect([...image.data.subarray(2 * 4 * 3)]).toEqual(new Array(2 * 4 * 3).fill(0));
  });

  it('pads the right side of a tall image', async () => {
    const tall = await writeColourPng(join(dir, 'tall.png'), 2, 6, () => RED);
    const image = await preprocessImage(
      tall,
      spec({ inputSize: { width: 6, height: 6 }, resize: 'pad', layout: 'nchw' }),
    );
    expect(image.valid).toEqual({ width: 2, height: 6 });
    // Red plane: 1 in columns 0-1, 0 in the padded columns 2-5.
    expect([...image.data.subarray(0, 6)]).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it('expands a grey image to three equal channels', async () => {
    const grey = join(dir, 'grey.png');
    await sharp(Buffer.alloc(4 * 2, 51), { raw: { width: 4, height: 2, channels: 1 } })
      .png()
      .toFile(grey);
    const image = await preprocessImage(
      grey,
      spec({ inputSize: { width: 4, height: 2 }, normalize: 'unit' }),
    );
    expect(nhwcPixel(image.data, 4, 1, 1).map((v) => Number(v.toFixed(6)))).toEqual([
      0.2, 0.2, 0.2,
    ]);
  });

  it('rejects an image above maxPixels before decoding', async () => {
    await expect(preprocessImage(halves, spec({ maxPixels: 31 }))).rejects.toThrow(InputError);
    await expect(preprocessImage(halves, spec({ maxPixels: 31 }))).rejects.toThrow(
      /declares 8x4 = 32 pixels, more than --max-pixels 31/,
    );
  });

  it('rejects a missing file', async () => {
    await expect(preprocessImage(join(dir, 'absent.png'), spec())).rejects.toThrow(InputError);
  });
});

describe('fitInside', () => {
  it('fits a landscape image', () => {
    expect(fitInside({ width: 500, height: 375 }, { width: 257, height: 257 })).toEqual({
      width: 257,
      height: 193,
    });
  });

  it('fits a portrait image', () => {
    expect(fitInside({ width: 375, height: 500 }, { width: 512, height: 512 })).toEqual({
      width: 384,
      height: 512,
    });
  });

  it('keeps at least one pixel', () => {
    expect(fitInside({ width: 1000, height: 1 }, { width: 10, height: 10 })).toEqual({
      width: 10,
      height: 1,
    });
  });
});
