import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelInputSettings } from '../../../src/config/settings.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { openOnnxSegmenter } from '../../../src/segmenters/onnx.js';
import type { Segmenter, SegmenterOutput } from '../../../src/segmenters/types.js';
import {
  BLACK,
  BLUE,
  FIXTURE_INPUT,
  GREEN,
  ONNX_FIXTURES,
  RED,
  expectedMask,
  makeTempDir,
  writeColourPng,
} from './fixtures.js';

/**
 * The models come from `test/fixtures/onnx/make_models.py`: with `--normalize tf` they score red
 * as class 0, green 1, blue 2 and black 3 (see the script for each model's form).
 */

let dir = '';
let cleanup: () => Promise<void> = async () => {};
/** 16x8: red and green on top, blue and black below. */
let quadrants = '';
/** 16x8: green top half, blue bottom half. */
let bands = '';
/** 16x8: red left half, blue right half. */
let halves = '';

const QUADRANT_CLASSES = expectedMask(16, 8, (x, y) => (y < 4 ? 0 : 2) + (x < 8 ? 0 : 1));
const LABEL = { labelWidth: 16, labelHeight: 8 };

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('onnx'));
  quadrants = await writeColourPng(join(dir, 'quadrants.png'), 16, 8, (x, y) => {
    if (y < 4) {
      return x < 8 ? RED : GREEN;
    }
    return x < 8 ? BLUE : BLACK;
  });
  bands = await writeColourPng(join(dir, 'bands.png'), 16, 8, (_x, y) => (y < 4 ? GREEN : BLUE));
  halves = await writeColourPng(join(dir, 'halves.png'), 16, 8, (x) => (x < 8 ? RED : BLUE));
});

afterAll(async () => {
  await cleanup();
});

async function open(
  model: string,
  numClasses: number,
  input: Partial<ModelInputSettings> = {},
): Promise<Segmenter> {
  return openOnnxSegmenter({
    modelPath: join(ONNX_FIXTURES, model),
    numClasses,
    input: { ...FIXTURE_INPUT, ...input },
    maxPixels: 1_000_000,
    threshold: 0.5,
  });
}

async function segmentOnce(
  model: string,
  numClasses: number,
  image: string,
  input: Partial<ModelInputSettings> = {},
): Promise<{ segmenter: Segmenter; output: SegmenterOutput }> {
  const segmenter = await open(model, numClasses, input);
  try {
    const output = await segmenter.segment({ id: 'img', imagePath: image, ...LABEL });
    return { segmenter, output };
  } finally {
    await segmenter.dispose();
  }
}

function maskValues(output: SegmenterOutput): number[] {
  return [...(output.mask?.data ?? [])];
}

describe('openOnnxSegmenter decoding', () => {
  it('decodes NHWC logits', async () => {
    const { segmenter, output } = await segmentOnce('nhwc_logits.onnx', 4, quadrants);
    expect(segmenter.openFindings).toEqual([]);
    expect(output.findings).toEqual([]);
    expect(output.mask?.width).toBe(16);
    expect(output.mask?.height).toBe(8);
    expect(maskValues(output)).toEqual(QUADRANT_CLASSES);
    expect(output.stats?.nonFinite).toBe(0);
    expect(output.stats?.predictedHistogram).toEqual([32, 32, 32, 32]);
    expect(output.inferenceMs).toBeGreaterThanOrEqual(0);
    expect(output.preprocessMs).toBeGreaterThanOrEqual(0);
  });

  it('records how NHWC logits were decoded', async () => {
    const segmenter = await open('nhwc_logits.onnx', 4);
    await segmenter.dispose();
    expect(segmenter.info.kind).toBe('onnx');
    expect(segmenter.info.decoding).toBe(
      'NHWC float32 logits [1,8,8,4] -> bilinear to label size -> argmax',
    );
    expect(segmenter.info.details).toMatchObject({
      inputName: 'image',
      inputShape: '[1,8,8,3]',
      outputName: 'logits',
      outputShape: '[1,8,8,4]',
      outputDims: [1, 8, 8, 4],
      layout: 'NHWC',
      layoutSource: 'auto',
      outputLayout: 'NHWC',
      inputSize: '8x8',
      provider: 'cpu',
      threads: 1,
      outputForm: 'logits',
    });
  });

  it('decodes NCHW logits', async () => {
    const { segmenter, output } = await segmentOnce('nchw_logits.onnx', 4, quadrants);
    expect(maskValues(output)).toEqual(QUADRANT_CLASSES);
    expect(segmenter.info.decoding).toBe(
      'NCHW float32 logits [1,4,8,8] -> bilinear to label size -> argmax',
    );
    expect(segmenter.info.details).toMatchObject({ layout: 'NCHW', outputLayout: 'NCHW' });
  });

  it('decodes softmax probabilities', async () => {
    const { segmenter, output } = await segmentOnce('nhwc_probabilities.onnx', 4, quadrants);
    expect(maskValues(output)).toEqual(QUADRANT_CLASSES);
    expect(segmenter.info.details.outputForm).toBe('probabilities');
    expect(output.stats?.maxAbs).toBeLessThanOrEqual(1);
  });

  it('decodes int64 argmax class ids', async () => {
    const { segmenter, output } = await segmentOnce('nhwc_class_ids.onnx', 4, quadrants);
    expect(maskValues(output)).toEqual(QUADRANT_CLASSES);
    expect(segmenter.info.details.outputForm).toBe('class-ids');
    expect(segmenter.info.decoding).toBe('int64 class ids [1,8,8] -> nearest to label size');
  });

  it('decodes rank-4 NCHW class ids', async () => {
    const { output } = await segmentOnce('nchw_class_ids_rank4.onnx', 4, quadrants);
    expect(maskValues(output)).toEqual(QUADRANT_CLASSES);
  });

  it('takes the argmax first with upsample classes', async () => {
    const { segmenter, output } = await segmentOnce('nhwc_logits.onnx', 4, quadrants, {
      upsample: 'classes',
    });
    expect(maskValues(output)).toEqual(QUADRANT_CLASSES);
    expect(segmenter.info.decoding).toBe(
      'NHWC float32 logits [1,8,8,4] -> argmax -> nearest to label size',
    );
  });

  it('swaps colours with channel order bgr', async () => {
    // Red reaches the model's blue position (class 2) and blue its red position (class 0).
    const { output } = await segmentOnce('nhwc_logits.onnx', 4, quadrants, { channelOrder: 'bgr' });
    const swapped = expectedMask(16, 8, (x, y) => {
      if (y < 4) {
        return x < 8 ? 2 : 1;
      }
      return x < 8 ? 0 : 3;
    });
    expect(maskValues(output)).toEqual(swapped);
  });

  it('crops the padding at output stride 2', async () => {
    // 16x8 into 8x8 with pad: the image fills rows 0-3, the output (4x4) rows 0-1.
    const { segmenter, output } = await segmentOnce('nchw_stride2.onnx', 4, bands, {
      resize: 'pad',
    });
    expect(maskValues(output)).toEqual(expectedMask(16, 8, (_x, y) => (y < 4 ? 1 : 2)));
    expect(segmenter.info.decoding).toBe(
      'NCHW float32 logits [1,4,4,4] -> crop -> bilinear to label size -> argmax',
    );
  });

  it('reads one channel of logits through a sigmoid', async () => {
    const { segmenter, output } = await segmentOnce('nhwc_binary_logits.onnx', 2, halves);
    expect(maskValues(output)).toEqual(expectedMask(16, 8, (x) => (x < 8 ? 1 : 0)));
    expect(segmenter.info.details.outputForm).toBe('sigmoid');
    expect(segmenter.info.decoding).toBe(
      'NHWC float32 logits [1,8,8,1] -> sigmoid -> bilinear to label size -> threshold 0.5',
    );
  });

  it('thresholds one channel of probabilities', async () => {
    const { segmenter, output } = await segmentOnce('nhwc_binary_probabilities.onnx', 2, halves);
    expect(maskValues(output)).toEqual(expectedMask(16, 8, (x) => (x < 8 ? 1 : 0)));
    expect(segmenter.info.details.outputForm).toBe('probabilities');
    expect(output.stats?.predictedHistogram).toEqual([64, 64]);
  });

  it('feeds a symbolic input at --input-size', async () => {
    const { segmenter, output } = await segmentOnce('symbolic_size.onnx', 4, quadrants, {
      inputSize: { width: 16, height: 8 },
    });
    expect(maskValues(output)).toEqual(QUADRANT_CLASSES);
    expect(segmenter.info.details).toMatchObject({
      inputShape: '[batch,height,width,3]',
      outputShape: '[batch,height,width,4]',
      outputDims: [1, 8, 16, 4],
      inputSize: '16x8',
    });
  });

  it('decodes the ambiguous model with --layout', async () => {
    const { segmenter, output } = await segmentOnce('ambiguous_input.onnx', 4, quadrants, {
      layout: 'nhwc',
    });
    expect(segmenter.openFindings).toEqual([]);
    expect(segmenter.info.details.layoutSource).toBe('--layout');
    expect(output.mask).not.toBeNull();
  });
});

describe('openOnnxSegmenter contract findings', () => {
  it('reports 20 channels for 21 classes', async () => {
    const { segmenter, output } = await segmentOnce('nhwc_20_channels.onnx', 21, quadrants);
    const modelPath = join(ONNX_FIXTURES, 'nhwc_20_channels.onnx');
    expect(segmenter.openFindings).toEqual([
      {
        source: 'model',
        kind: 'channels',
        subject: modelPath,
        detail:
          'output [1,8,8,20] has 20 channels but --num-classes is 21: a head trained without background, or the wrong --num-classes',
      },
    ]);
    expect(output.mask).toBeNull();
    expect(output.findings).toEqual([]);
    expect(segmenter.info.decoding).toMatch(/^not decodable: output \[1,8,8,20\] has 20 channels/);
  });

  it('reports an ambiguous input layout', async () => {
    const { segmenter, output } = await segmentOnce('ambiguous_input.onnx', 4, quadrants);
    expect(segmenter.openFindings).toEqual([
      {
        source: 'model',
        kind: 'layout',
        subject: join(ONNX_FIXTURES, 'ambiguous_input.onnx'),
        detail:
          'input shape [1,3,3,3]: both dimension 1 and dimension 3 are channel counts (1 or 3); pass --layout nhwc or --layout nchw',
      },
    ]);
    expect(output.mask).toBeNull();
  });

  it('reports NaN outputs per image', async () => {
    const { output } = await segmentOnce('nhwc_nan.onnx', 4, halves);
    expect(output.mask).toBeNull();
    // Red logits (1, -1, -1, -0.5) and blue (-1, -1, 1, -0.5) each have 3 negative values.
    expect(output.stats?.nonFinite).toBe(8 * 8 * 3);
    expect(output.stats?.maxAbs).toBe(1);
    expect(output.findings).toEqual([
      {
        source: 'model',
        kind: 'output',
        subject: 'img',
        detail: '192 of 256 output values are NaN or infinite',
      },
    ]);
  });
});

describe('openOnnxSegmenter errors', () => {
  it('requires --input-size for a symbolic size', async () => {
    const opening = open('symbolic_size.onnx', 4);
    await expect(opening).rejects.toThrow(UsageError);
    await expect(open('symbolic_size.onnx', 4)).rejects.toThrow(
      /declares input \[batch,height,width,3\] with a symbolic height or width; pass --input-size WxH/,
    );
  });

  it('rejects --input-size that differs from a fixed size', async () => {
    await expect(
      open('nhwc_logits.onnx', 4, { inputSize: { width: 16, height: 8 } }),
    ).rejects.toThrow(/--input-size 16x8 vs model input \[1,8,8,3\] \(8x8\)/);
  });

  it('accepts --input-size equal to the fixed size', async () => {
    const segmenter = await open('nhwc_logits.onnx', 4, { inputSize: { width: 8, height: 8 } });
    await segmenter.dispose();
    expect(segmenter.info.details.inputSize).toBe('8x8');
  });

  it('requires a normalisation mode', async () => {
    await expect(open('nhwc_logits.onnx', 4, { normalize: null })).rejects.toThrow(
      /No pixel normalisation is set/,
    );
  });

  it('rejects a model with two inputs', async () => {
    await expect(open('two_inputs.onnx', 4)).rejects.toThrow(InputError);
    await expect(open('two_inputs.onnx', 4)).rejects.toThrow(
      /has 2 inputs \("a" \[1,8,8,3\], "b" \[1,8,8,3\]\)/,
    );
  });

  it('rejects a grey input', async () => {
    await expect(open('grey_input.onnx', 2)).rejects.toThrow(
      /read as NHWC has 1 channel: seg-gate feeds 3-channel RGB images/,
    );
  });

  it('rejects a file that is not ONNX', async () => {
    const path = join(dir, 'broken.onnx');
    await writeFile(path, 'not a model');
    const opening = openOnnxSegmenter({
      modelPath: path,
      numClasses: 4,
      input: FIXTURE_INPUT,
      maxPixels: 1_000_000,
      threshold: 0.5,
    });
    await expect(opening).rejects.toThrow(InputError);
  });

  const cudaInstalled = existsSync(
    join(
      dirname(createRequire(import.meta.url).resolve('onnxruntime-node')),
      '../bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so',
    ),
  );

  it.skipIf(cudaInstalled)('explains how to get CUDA', async () => {
    const opening = open('nhwc_logits.onnx', 4, { device: 'cuda' });
    await expect(opening).rejects.toThrow(UsageError);
    await expect(open('nhwc_logits.onnx', 4, { device: 'cuda' })).rejects.toThrow(
      /ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci.*or run with --device cpu/,
    );
  });
});
