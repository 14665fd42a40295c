import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';

/**
 * Dilated (atrous) convolutions written as space-to-batch, convolution with dilation 1, and
 * batch-to-space, the formulation of TensorFlow's `tf.nn.with_space_to_batch`. TensorFlow.js
 * 4.22 has gradients for `spaceToBatchND`, `batchToSpaceND` and undilated convolutions, but none
 * for `conv2d` or `depthwiseConv2d` with dilation rates above 1.
 */

/** Height and width, in that order. */
export type Pair = readonly [number, number];

/** Padding mode of a Keras convolution layer. */
export type ConvPadding = 'same' | 'valid';

/** Arguments of `spaceToBatchND` and `batchToSpaceND` for one input size. */
export interface AtrousGeometry {
  readonly blockShape: [number, number];
  /** Padding `[before, after]` per spatial axis, applied by `spaceToBatchND`. */
  readonly paddings: [[number, number], [number, number]];
  /** Crops `[before, after]` per spatial axis, removed by `batchToSpaceND`. */
  readonly crops: [[number, number], [number, number]];
}

/**
 * Computes the space-to-batch geometry of a dilated convolution with stride 1. `same` pads the
 * effective kernel `(k - 1) * d + 1` as TensorFlow does, with the smaller half before. Both modes
 * then pad the end so that each padded length is a multiple of the dilation, and crop that extra
 * padding off again after the convolution.
 *
 * @example
 *   // 7 pixels, kernel 3, dilation 2, same: pad 2 + 2, then 1 more to reach 12, crop 1.
 *   atrousGeometry([7, 7], [3, 3], [2, 2], 'same').paddings[0]; // [2, 3]
 */
export function atrousGeometry(
  inputSize: Pair,
  kernelSize: Pair,
  dilation: Pair,
  padding: ConvPadding,
): AtrousGeometry {
  const axes = [0, 1].map((axis) => {
    const length = inputSize[axis] as number;
    const rate = dilation[axis] as number;
    const effective = ((kernelSize[axis] as number) - 1) * rate + 1;
    const total = padding === 'same' ? effective - 1 : 0;
    const before = Math.floor(total / 2);
    const extra = (rate - ((length + total) % rate)) % rate;
    return { rate, pad: [before, total - before + extra], crop: [0, extra] };
  });

  const [height, width] = axes as [(typeof axes)[number], (typeof axes)[number]];
  return {
    blockShape: [height.rate, width.rate],
    paddings: [height.pad as [number, number], width.pad as [number, number]],
    crops: [height.crop as [number, number], width.crop as [number, number]],
  };
}

/**
 * Runs an NHWC dilated `conv2d` with stride 1 as space-to-batch, `conv2d` with dilation 1 and
 * `valid` padding, and batch-to-space. The result equals `tf.conv2d(x, kernel, 1, padding,
 * 'NHWC', dilation)` up to float rounding, and it has gradients.
 */
export function spaceToBatchConv2d(
  x: Tensor4D,
  kernel: Tensor4D,
  dilation: Pair,
  padding: ConvPadding,
): Tensor4D {
  return withSpaceToBatch(x, kernel, dilation, padding, (batched) =>
    tf.conv2d(batched, kernel, 1, 'valid'),
  );
}

/**
 * Runs an NHWC dilated `depthwiseConv2d` with stride 1 the same way, equal to
 * `tf.depthwiseConv2d(x, kernel, 1, padding, 'NHWC', dilation)` up to float rounding.
 */
export function spaceToBatchDepthwiseConv2d(
  x: Tensor4D,
  kernel: Tensor4D,
  dilation: Pair,
  padding: ConvPadding,
): Tensor4D {
  return withSpaceToBatch(x, kernel, dilation, padding, (batched) =>
    tf.depthwiseConv2d(batched, kernel, 1, 'valid'),
  );
}

function withSpaceToBatch(
  x: Tensor4D,
  kernel: Tensor4D,
  dilation: Pair,
  padding: ConvPadding,
  convolve: (batched: Tensor4D) => Tensor4D,
): Tensor4D {
  return tf.tidy(() => {
    const inputSize: Pair = [x.shape[1], x.shape[2]];
    const kernelSize: Pair = [kernel.shape[0], kernel.shape[1]];
    const geometry = atrousGeometry(inputSize, kernelSize, dilation, padding);

    const batched = tf.spaceToBatchND(x, geometry.blockShape, geometry.paddings);
    const convolved = convolve(batched);
    return tf.batchToSpaceND(convolved, geometry.blockShape, geometry.crops);
  });
}
