import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelInputSettings, ResizeMode } from '../../../src/config/settings.js';
import { openOnnxSegmenter } from '../../../src/segmenters/onnx.js';
import { createOnnxSession, runModel } from '../../../src/segmenters/onnx-session.js';
import { decodeOutput } from '../../../src/segmenters/output.js';
import { planOutput } from '../../../src/segmenters/output-form.js';
import { preprocessImage } from '../../../src/segmenters/preprocess.js';
import {
  DEEPLAB_ONNX,
  PAN_DIR,
  SHARED_SKIP_REASON,
  VOC_ROOT,
  hasShared,
} from '../../helpers/shared.js';
import { BILINEAR_FIXTURES, findTorchPython, makeTempDir } from './fixtures.js';

const VOC_ID = '2007_001154';
const VOC_IMAGE = join(VOC_ROOT, 'JPEGImages', `${VOC_ID}.jpg`);
/** Size of the VOC label (and image) of 2007_001154. */
const LABEL = { width: 500, height: 375 };
const LABEL_PIXELS = LABEL.width * LABEL.height;

const DEEPLAB_INPUT: ModelInputSettings = {
  normalize: 'tf',
  channelOrder: 'rgb',
  inputSize: null,
  resize: 'stretch',
  layout: 'auto',
  upsample: 'logits',
  device: 'cpu',
  backend: null,
  threshold: 0.5,
  threads: null,
};

const PAN_MODEL = join(PAN_DIR, 'model.onnx');
const PAN_IMAGE = join(PAN_DIR, 'samples', 'image', '000335.png');

const torchPython = hasShared ? findTorchPython() : null;

if (!hasShared) {
  console.warn(SHARED_SKIP_REASON);
}

describe.skipIf(!hasShared)('DeepLab v3 ONNX on VOC 2007_001154', () => {
  it('predicts mostly the classes of the label', async () => {
    // The label contains background (0), pottedplant (16), sofa (18) and the ignore index.
    const segmenter = await openOnnxSegmenter({
      modelPath: DEEPLAB_ONNX,
      numClasses: 21,
      input: DEEPLAB_INPUT,
      maxPixels: 50_000_000,
      threshold: 0.5,
    });
    const output = await segmenter.segment({
      id: VOC_ID,
      imagePath: VOC_IMAGE,
      labelWidth: LABEL.width,
      labelHeight: LABEL.height,
    });
    await segmenter.dispose();

    expect(segmenter.openFindings).toEqual([]);
    expect(segmenter.info.decoding).toBe(
      'NHWC float32 logits [1,257,257,21] -> bilinear to label size -> argmax',
    );
    expect(output.mask?.width).toBe(LABEL.width);
    expect(output.mask?.height).toBe(LABEL.height);
    expect(output.stats?.nonFinite).toBe(0);

    const histogram = output.stats?.predictedHistogram ?? [];
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(LABEL_PIXELS);
    const background = histogram[0] ?? 0;
    const sofa = histogram[18] ?? 0;
    expect(background / LABEL_PIXELS).toBeGreaterThan(0.8);
    expect(sofa / LABEL_PIXELS).toBeGreaterThan(0.05);
    expect((background + sofa) / LABEL_PIXELS).toBeGreaterThan(0.95);
  });

  describe.skipIf(torchPython === null)('decoding against PyTorch interpolate', () => {
    let dir = '';
    let cleanup: () => Promise<void> = async () => {};

    beforeAll(async () => {
      ({ dir, cleanup } = await makeTempDir('deeplab-torch'));
    });

    afterAll(async () => {
      await cleanup();
    });

    for (const resize of ['stretch', 'pad'] as const) {
      it(`agrees on at least 99.9% of pixels: ${resize}`, async () => {
        const { ours, reference, segmented } = await decodeBothWays(dir, resize);
        let agree = 0;
        for (let i = 0; i < LABEL_PIXELS; i += 1) {
          agree += ours[i] === reference[i] ? 1 : 0;
        }
        expect(agree / LABEL_PIXELS).toBeGreaterThanOrEqual(0.999);
        expect(segmented).toEqual(ours);
      });
    }
  });
});

/**
 * Runs DeepLab on the VOC image, dumps the raw logits and decodes them twice: with our
 * `decodeOutput`, and with `test/fixtures/bilinear/torch_decode.py` (PyTorch `interpolate`,
 * bilinear, `align_corners=False`, then argmax). Also returns the mask of the full segmenter.
 */
async function decodeBothWays(dir: string, resize: ResizeMode) {
  const input = { ...DEEPLAB_INPUT, resize };
  const inputSize = { width: 257, height: 257 };
  const image = await preprocessImage(VOC_IMAGE, {
    inputSize,
    layout: 'nhwc',
    normalize: 'tf',
    channelOrder: 'rgb',
    resize,
    maxPixels: 50_000_000,
  });

  const session = await createOnnxSession(DEEPLAB_ONNX, input);
  const tensors = { input: 'sub_7', output: 'ResizeBilinear_3' };
  const raw = await runModel(session, DEEPLAB_ONNX, tensors, image.data, [1, 257, 257, 3]);
  await session.release();

  const decision = planOutput(DEEPLAB_ONNX, raw.type, raw.dims, 'nhwc', 21);
  if (decision.kind !== 'plan') {
    throw new Error(decision.finding.detail);
  }
  const ours = decodeOutput(raw, decision.plan, {
    subject: VOC_ID,
    numClasses: 21,
    upsample: 'logits',
    labelSize: LABEL,
    inputSize,
    valid: image.valid,
    alwaysSigmoid: false,
  }).mask;

  const scoresPath = join(dir, `logits-${resize}.f32`);
  const idsPath = join(dir, `ids-${resize}.u8`);
  const scores = raw.data as Float32Array;
  await writeFile(scoresPath, new Uint8Array(scores.buffer, scores.byteOffset, scores.byteLength));
  const args = [
    join(BILINEAR_FIXTURES, 'torch_decode.py'),
    scoresPath,
    'nhwc',
    '21',
    '257',
    '257',
    String(image.valid.height),
    String(image.valid.width),
    String(LABEL.height),
    String(LABEL.width),
    idsPath,
  ];
  const result = spawnSync(torchPython as string, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`torch_decode.py failed: ${result.stderr}`);
  }
  const reference = [...(await readFile(idsPath))];

  const segmenter = await openOnnxSegmenter({
    modelPath: DEEPLAB_ONNX,
    numClasses: 21,
    input,
    maxPixels: 50_000_000,
    threshold: 0.5,
  });
  const output = await segmenter.segment({
    id: VOC_ID,
    imagePath: VOC_IMAGE,
    labelWidth: LABEL.width,
    labelHeight: LABEL.height,
  });
  await segmenter.dispose();

  return { ours: [...(ours?.data ?? [])], reference, segmented: [...(output.mask?.data ?? [])] };
}

describe.skipIf(!hasShared)('PAN ONNX (NCHW, 3 channels)', () => {
  const panInput: ModelInputSettings = { ...DEEPLAB_INPUT, normalize: 'torch' };

  it('reports a channels finding with --num-classes 4', async () => {
    const segmenter = await openOnnxSegmenter({
      modelPath: PAN_MODEL,
      numClasses: 4,
      input: panInput,
      maxPixels: 50_000_000,
      threshold: 0.5,
    });
    await segmenter.dispose();
    expect(segmenter.openFindings).toEqual([
      {
        source: 'model',
        kind: 'channels',
        subject: PAN_MODEL,
        detail:
          'output [1,3,512,512] has 3 channels but --num-classes is 4: a head trained without background, or the wrong --num-classes',
      },
    ]);
  });

  it('decodes with --num-classes 3', async () => {
    const segmenter = await openOnnxSegmenter({
      modelPath: PAN_MODEL,
      numClasses: 3,
      input: panInput,
      maxPixels: 50_000_000,
      threshold: 0.5,
    });
    const output = await segmenter.segment({
      id: '000335',
      imagePath: PAN_IMAGE,
      labelWidth: 512,
      labelHeight: 512,
    });
    await segmenter.dispose();

    expect(segmenter.openFindings).toEqual([]);
    expect(segmenter.info.details).toMatchObject({ layout: 'NCHW', outputLayout: 'NCHW' });
    expect(segmenter.info.decoding).toBe(
      'NCHW float32 logits [1,3,512,512] -> bilinear to label size -> argmax',
    );
    expect(output.mask?.width).toBe(512);
    expect(output.stats?.nonFinite).toBe(0);
    const histogram = output.stats?.predictedHistogram ?? [];
    expect(histogram).toHaveLength(3);
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(512 * 512);
    const ids = output.mask?.data ?? new Uint8Array(0);
    const largestId = ids.reduce((a, b) => Math.max(a, b), 0);
    expect(largestId).toBeLessThanOrEqual(2);
  });
});
