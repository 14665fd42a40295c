import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * TensorFlow.js equivalents of custom bilinear resize layers found in converted Keras
 * segmentation models. Keras saves only their class name and config, so TensorFlow.js cannot
 * load such a model unless a class of the same name is registered.
 */

type Shape = (number | null)[];

/** The Keras config of a bilinear resize layer, after TensorFlow.js camel-cased its keys. */
export interface BilinearResizeConfig {
  readonly name?: string;
  readonly trainable?: boolean;
  readonly dtype?: string;
  /** Output `[height, width]` in pixels; `target_size` in Keras-FCN. Wins over the factors. */
  readonly outputSize?: readonly number[] | null;
  readonly targetSize?: readonly number[] | null;
  /** Scale factors `[height, width]`; `size` in Keras-FCN. */
  readonly upsampling?: readonly number[] | number | null;
  readonly size?: readonly number[] | number | null;
  /** `channelsLast` (default; `default` and null mean the same) or `channelsFirst`. */
  readonly dataFormat?: string | null;
  readonly alignCorners?: boolean;
  readonly halfPixelCenters?: boolean;
}

/**
 * Bilinear resizing of an image tensor to a fixed `output_size` or by integer `upsampling`
 * factors, with `tf.image.resizeBilinear`. Registered as `BilinearUpsampling`, the layer of the
 * keras-deeplab-v3-plus models, which resizes with `align_corners=True`; `align_corners` and
 * `half_pixel_centers` in the config override the defaults.
 */
export class BilinearUpsampling extends tfl.layers.Layer {
  static className = 'BilinearUpsampling';

  private readonly outputSize: [number, number] | null;
  private readonly factors: [number, number];
  private readonly channelsFirst: boolean;
  private readonly alignCorners: boolean;
  private readonly halfPixelCenters: boolean;

  constructor(config: BilinearResizeConfig, defaultAlignCorners = true) {
    super({ name: config.name, trainable: config.trainable });
    this.outputSize = readPair(config.outputSize ?? config.targetSize ?? null, 'output_size');
    this.factors = readPair(config.upsampling ?? config.size ?? null, 'upsampling') ?? [1, 1];
    this.channelsFirst = config.dataFormat === 'channelsFirst';
    this.alignCorners = config.alignCorners ?? defaultAlignCorners;
    this.halfPixelCenters = config.halfPixelCenters ?? false;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = firstShape(inputShape);
    const [heightAxis, widthAxis] = this.spatialAxes();
    const out = [...shape];
    out[heightAxis] = this.resizedLength(shape[heightAxis] ?? null, 0);
    out[widthAxis] = this.resizedLength(shape[widthAxis] ?? null, 1);
    return out;
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const input = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor4D;
      const channelsLast = this.channelsFirst ? tf.transpose(input, [0, 2, 3, 1]) : input;
      const height = this.resizedLength(channelsLast.shape[1], 0) as number;
      const width = this.resizedLength(channelsLast.shape[2], 1) as number;

      const resized = tf.image.resizeBilinear(
        channelsLast,
        [height, width],
        this.alignCorners,
        this.halfPixelCenters,
      );
      return this.channelsFirst ? tf.transpose(resized, [0, 3, 1, 2]) : resized;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      outputSize: this.outputSize,
      upsampling: this.factors,
      dataFormat: this.channelsFirst ? 'channelsFirst' : 'channelsLast',
      alignCorners: this.alignCorners,
      halfPixelCenters: this.halfPixelCenters,
    };
  }

  private spatialAxes(): [number, number] {
    return this.channelsFirst ? [2, 3] : [1, 2];
  }

  private resizedLength(length: number | null, axis: 0 | 1): number | null {
    if (this.outputSize) {
      return this.outputSize[axis];
    }
    return length === null ? null : length * this.factors[axis];
  }
}

/**
 * The `BilinearUpSampling2D` layer of Keras-FCN: `size` factors or a `target_size`, resized with
 * TF1 `resize_bilinear` defaults (`align_corners=False`, no half-pixel centres).
 */
export class BilinearUpSampling2D extends BilinearUpsampling {
  static override className = 'BilinearUpSampling2D';

  constructor(config: BilinearResizeConfig) {
    super(config, false);
  }
}

/** Class names of the layers this module provides. */
export const CUSTOM_LAYER_CLASSES: readonly string[] = [
  BilinearUpsampling.className,
  BilinearUpSampling2D.className,
];

let registered = false;

/**
 * Registers the custom layers with TensorFlow.js serialization, so `loadLayersModel` can build
 * them from a model's topology. Registering again does nothing.
 */
export function registerCustomLayers(): void {
  if (registered) {
    return;
  }
  tf.serialization.registerClass(BilinearUpsampling);
  tf.serialization.registerClass(BilinearUpSampling2D);
  registered = true;
}

function readPair(
  value: readonly number[] | number | null,
  field: string,
): [number, number] | null {
  if (value === null) {
    return null;
  }
  const pair = typeof value === 'number' ? [value, value] : value;
  const valid = pair.length === 2 && pair.every((length) => Number.isInteger(length) && length > 0);
  if (!valid) {
    throw new Error(
      `${field} must be two positive integers [height, width], got ${JSON.stringify(value)}`,
    );
  }
  return [pair[0] as number, pair[1] as number];
}

function firstShape(inputShape: Shape | Shape[]): Shape {
  const first = inputShape[0];
  return Array.isArray(first) ? first : (inputShape as Shape);
}
