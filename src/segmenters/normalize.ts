import { NORMALIZE_MODES } from '../config/settings.js';
import type { NormalizeMode } from '../config/settings.js';
import { UsageError } from '../errors.js';

/**
 * Pixel scaling applied to 8-bit colour values (0..255) before they reach a model.
 *
 * Every mode is an affine map `x * scale + offset` per colour. The constants belong to the colour
 * (red, green, blue), not to a tensor position: `--channel-order bgr` moves the blue value to
 * channel 0 but still scales it with the blue constants. Keras `caffe` mode also swaps to BGR, so
 * matching a Keras caffe model takes `--normalize caffe --channel-order bgr`.
 */

/** One line per mode, for help text and error messages. */
export const NORMALIZE_MODE_MEANINGS: Readonly<Record<NormalizeMode, string>> = {
  tf: 'x / 127.5 - 1, values in [-1, 1] (Keras mode "tf", MobileNet and DeepLab exports)',
  torch:
    '(x / 255 - mean) / std with the ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225) per colour (Keras mode "torch", torchvision)',
  caffe:
    'x - mean with the ImageNet mean (R 123.68, G 116.779, B 103.939), no scaling (Keras mode "caffe", which also feeds BGR, the default channel order with caffe)',
  unit: 'x / 255, values in [0, 1]',
  none: 'x unchanged, values in [0, 255]',
};

/** Per-colour affine constants in red, green, blue order. */
export interface ColourAffine {
  readonly scale: readonly [number, number, number];
  readonly offset: readonly [number, number, number];
}

const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
const CAFFE_MEAN = [123.68, 116.779, 103.939] as const;

/**
 * Returns the per-colour `scale` and `offset` of a mode, in red, green, blue order, so that the
 * model value of colour `c` is `x * scale[c] + offset[c]` for an 8-bit value `x`.
 */
export function colourAffine(mode: NormalizeMode): ColourAffine {
  switch (mode) {
    case 'tf':
      return uniform(1 / 127.5, -1);
    case 'torch':
      return {
        scale: mapColours((c) => 1 / (255 * IMAGENET_STD[c])),
        offset: mapColours((c) => -IMAGENET_MEAN[c] / IMAGENET_STD[c]),
      };
    case 'caffe':
      return { scale: [1, 1, 1], offset: mapColours((c) => -CAFFE_MEAN[c]) };
    case 'unit':
      return uniform(1 / 255, 0);
    case 'none':
      return uniform(1, 0);
  }
}

/**
 * Scales one 8-bit value `x` (0..255) of colour `colour` (0 red, 1 green, 2 blue) with `mode`.
 * Example: `normalizeValue('tf', 0, 255)` is 1.
 */
export function normalizeValue(mode: NormalizeMode, colour: 0 | 1 | 2, x: number): number {
  const affine = colourAffine(mode);
  return x * affine.scale[colour] + affine.offset[colour];
}

function uniform(scale: number, offset: number): ColourAffine {
  return { scale: [scale, scale, scale], offset: [offset, offset, offset] };
}

function mapColours(f: (colour: 0 | 1 | 2) => number): [number, number, number] {
  return [f(0), f(1), f(2)];
}

/**
 * Builds the error for a model run without a normalisation mode. A wrong scaling silently ruins
 * the scores, so there is no default; the message lists every mode with its meaning.
 */
export function missingNormalizeError(modelPath: string): UsageError {
  const modes = NORMALIZE_MODES.map(
    (mode) => `  ${mode.padEnd(6)}${NORMALIZE_MODE_MEANINGS[mode]}`,
  );
  return new UsageError(
    [
      `No pixel normalisation is set for model ${modelPath}: running a model needs the scaling it was trained with.`,
      'Set it with --normalize MODE or `normalize: MODE` in the config file, where MODE is one of:',
      ...modes,
    ].join('\n'),
  );
}
