import { describe, expect, it } from 'vitest';

import { NORMALIZE_MODES } from '../../../src/config/settings.js';
import { UsageError } from '../../../src/errors.js';
import {
  NORMALIZE_MODE_MEANINGS,
  colourAffine,
  missingNormalizeError,
  normalizeValue,
} from '../../../src/segmenters/normalize.js';

describe('normalizeValue', () => {
  it('tf maps 0..255 to -1..1', () => {
    expect(normalizeValue('tf', 0, 0)).toBe(-1);
    expect(normalizeValue('tf', 1, 255)).toBeCloseTo(1, 12);
    expect(normalizeValue('tf', 2, 127.5)).toBeCloseTo(0, 12);
  });

  it('torch uses the ImageNet mean and std of each colour', () => {
    const x = 200;
    expect(normalizeValue('torch', 0, x)).toBeCloseTo((x / 255 - 0.485) / 0.229, 12);
    expect(normalizeValue('torch', 1, x)).toBeCloseTo((x / 255 - 0.456) / 0.224, 12);
    expect(normalizeValue('torch', 2, x)).toBeCloseTo((x / 255 - 0.406) / 0.225, 12);
  });

  it('caffe subtracts the mean without scaling', () => {
    expect(normalizeValue('caffe', 0, 100)).toBeCloseTo(100 - 123.68, 12);
    expect(normalizeValue('caffe', 1, 100)).toBeCloseTo(100 - 116.779, 12);
    expect(normalizeValue('caffe', 2, 100)).toBeCloseTo(100 - 103.939, 12);
  });

  it('unit and none scale to [0, 1] and keep values', () => {
    expect(normalizeValue('unit', 0, 51)).toBeCloseTo(0.2, 12);
    expect(normalizeValue('none', 2, 51)).toBe(51);
  });
});

describe('colourAffine', () => {
  it('lists constants in red, green, blue order', () => {
    const affine = colourAffine('caffe');
    expect(affine.scale).toEqual([1, 1, 1]);
    expect(affine.offset).toEqual([-123.68, -116.779, -103.939]);
  });
});

describe('missingNormalizeError', () => {
  it('lists every mode and both ways to set it', () => {
    const error = missingNormalizeError('/models/net.onnx');
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('/models/net.onnx');
    expect(error.message).toContain('--normalize');
    expect(error.message).toContain('`normalize: MODE` in the config file');
    for (const mode of NORMALIZE_MODES) {
      expect(error.message).toContain(`  ${mode}`);
      expect(error.message).toContain(NORMALIZE_MODE_MEANINGS[mode]);
    }
  });

  it('message snapshot', () => {
    expect(missingNormalizeError('net.onnx').message).toMatchInlineSnapshot(`
      "No pixel normalisation is set for model net.onnx: running a model needs the scaling it was trained with.
      Set it with --normalize MODE or \`normalize: MODE\` in the config file, where MODE is one of:
        tf    x / 127.5 - 1, values in [-1, 1] (Keras mode "tf", MobileNet and DeepLab exports)
        torch (x / 255 - mean) / std with the ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225) per colour (Keras mode "torch", torchvision)
        caffe x - mean with the ImageNet mean (R 123.68, G 116.779, B 103.939), no scaling (Keras mode "caffe", which also feeds BGR, the default channel order with caffe)
        unit  x / 255, values in [0, 1]
        none  x unchanged, values in [0, 255]"
    `);
  });
});
