import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

import { readMask } from '../../../src/decode/mask.js';
import { writeClassIdPng } from '../../../src/decode/png-write.js';
import { resizeNearest } from '../../../src/segmenters/nearest.js';
import { loadTrainingData } from '../../../src/train/training-data.js';
import { temporaryFolder, writeTinyDataset } from './helpers.js';

let root = '';

beforeAll(async () => {
  root = await temporaryFolder();
  await writeTinyDataset(root, 2, 16);
});

function samples() {
  return ['tiny_000', 'tiny_001'].map((id) => ({
    id,
    imagePath: join(root, 'images', `${id}.png`),
    labelPath: join(root, 'labels', `${id}.png`),
  }));
}

const preprocess = {
  inputSize: { width: 16, height: 16 },
  layout: 'nhwc' as const,
  normalize: 'unit' as const,
  channelOrder: 'rgb' as const,
  maxPixels: 1_000_000,
};

describe('loadTrainingData', () => {
  it('resizes labels to the output size by nearest neighbour', async () => {
    const data = await loadTrainingData(samples(), {
      preprocess: { ...preprocess, resize: 'stretch' },
      outputSize: { width: 8, height: 8 },
      numClasses: 3,
      ignoreIndex: 255,
      labelMap: null,
    });

    expect(data.problems).toEqual([]);
    const [first] = data.examples;
    const { result } = await readMask(join(root, 'labels', 'tiny_000.png'), 1_000_000);
    if (result.kind !== 'mask') {
      throw new Error('fixture label is not a class-id mask');
    }
    const size = { width: 16, height: 16 };
    const expected = resizeNearest(result.mask.data, size, size, { width: 8, height: 8 });
    expect(Array.from(first?.labels ?? [])).toEqual(Array.from(expected));
    expect(new Set(first?.labels)).toEqual(new Set([0, 1, 2, 255]));
    expect(first?.image).toHaveLength(16 * 16 * 3);
  });

  it('applies the label map before the range check', async () => {
    const { parseLabelMap } = await import('../../../src/dataset/label-map.js');
    const data = await loadTrainingData(samples(), {
      preprocess: { ...preprocess, resize: 'stretch' },
      outputSize: { width: 16, height: 16 },
      numClasses: 2,
      ignoreIndex: 255,
      labelMap: parseLabelMap('2:1', 255),
    });
    expect(data.problems).toEqual([]);
    expect(new Set(data.examples[0]?.labels)).toEqual(new Set([0, 1, 255]));
  });

  it('sets the padding to the ignore index with resize pad', async () => {
    // A 16x8 image padded into a 16x16 input covers the top half of an 8x8 output.
    const labels = new Uint8Array(16 * 8).fill(1);
    await writeClassIdPng(join(root, 'wide', 'labels', 'wide.png'), {
      width: 16,
      height: 8,
      data: labels,
    });
    const imagePath = join(root, 'wide', 'wide.png');
    await sharp(new Uint8Array(16 * 8 * 3).fill(200), {
      raw: { width: 16, height: 8, channels: 3 },
    })
      .png()
      .toFile(imagePath);

    const sample = { id: 'wide', imagePath, labelPath: join(root, 'wide', 'labels', 'wide.png') };
    const data = await loadTrainingData([sample], {
      preprocess: { ...preprocess, resize: 'pad' },
      outputSize: { width: 8, height: 8 },
      numClasses: 3,
      ignoreIndex: 255,
      labelMap: null,
    });

    const out = Array.from(data.examples[0]?.labels ?? []);
    expect(out.slice(0, 32)).toEqual(new Array(32).fill(1));
    expect(out.slice(32)).toEqual(new Array(32).fill(255));
  });
});
