import sharp from 'sharp';
import type { OutputInfo } from 'sharp';

import type { ChannelOrder, NormalizeMode, ResizeMode, Size } from '../config/settings.js';
import { readImageHeader } from '../decode/header.js';
import { InputError, errorMessage } from '../errors.js';
import { colourAffine } from './normalize.js';

/** Memory order of an image tensor: channels last (`nhwc`) or channels first (`nchw`). */
export type TensorLayout = 'nhwc' | 'nchw';

/** Settings that turn one image into a model input tensor of batch 1 and 3 channels. */
export interface PreprocessSpec {
  /** Model input size in pixels. */
  readonly inputSize: Size;
  readonly layout: TensorLayout;
  readonly normalize: NormalizeMode;
  readonly channelOrder: ChannelOrder;
  readonly resize: ResizeMode;
  /** Largest `width * height` accepted from the image header. */
  readonly maxPixels: number;
}

/** A model input tensor and where the image lies inside it. */
export interface PreprocessedImage {
  /** `inputSize.width * inputSize.height * 3` values in the spec's layout. */
  readonly data: Float32Array;
  /** Stored size of the image file (EXIF orientation is not applied). */
  readonly imageSize: Size;
  /**
   * The part of the input covered by the image, anchored at the top-left corner, in input pixels.
   * It is the whole input for `stretch`; for `pad` the rest of the tensor is padding.
   */
  readonly valid: Size;
}

/**
 * Decodes an image file and builds the model input tensor. The image is resized to `inputSize`:
 * `stretch` fills it, and `pad` keeps the aspect ratio and pads bottom and right with 0 after
 * normalisation. Then the values are normalised, and the channels ordered and laid out as NHWC or
 * NCHW.
 *
 * Resizing uses sharp's `linear` kernel because bilinear is the default of `tf.image.resize` and
 * of torchvision's `Resize`, the usual training-time resizes. Measured with sharp 0.35.6 (libvips
 * 8.18): when shrinking a random 40x30 image to 17x13 and 20x15, libvips widens the triangle
 * filter by the scale factor, and the result lies within 12 grey levels (mean below 0.6) of PIL's
 * antialiased `BILINEAR`.
 * NOTE: when enlarging, libvips samples input position `i / scale - 0.5` for output pixel `i`
 * instead of the half-pixel `(i + 0.5) / scale - 0.5` (measured on a 4-pixel ramp enlarged 2x).
 * This shifts the image by half an output pixel right and down compared with PIL, TensorFlow and
 * PyTorch.
 *
 * JPEG shrink-on-load is off because its DCT scaling changes pixel values. The header is checked
 * against `maxPixels` before decoding. Throws an InputError naming the file when it is missing,
 * too large or fails to decode.
 */
export async function preprocessImage(
  path: string,
  spec: PreprocessSpec,
): Promise<PreprocessedImage> {
  const header = await readImageHeader(path, spec.maxPixels);
  const imageSize = { width: header.width, height: header.height };

  const valid = spec.resize === 'pad' ? fitInside(imageSize, spec.inputSize) : spec.inputSize;
  const pixels = await decodeResized(path, valid, spec.maxPixels);

  const data = new Float32Array(spec.inputSize.width * spec.inputSize.height * 3);
  writeTensor(pixels, valid, spec, data);
  return { data, imageSize, valid };
}

/**
 * Returns the largest size with the aspect ratio of `image` that fits inside `input`, rounded to
 * whole pixels and at least 1x1. Example: 500x375 inside 257x257 is 257x193.
 */
export function fitInside(image: Size, input: Size): Size {
  const scale = Math.min(input.width / image.width, input.height / image.height);
  return {
    width: clamp(Math.round(image.width * scale), 1, input.width),
    height: clamp(Math.round(image.height * scale), 1, input.height),
  };
}

async function decodeResized(path: string, size: Size, maxPixels: number): Promise<Uint8Array> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(path, { limitInputPixels: maxPixels })
      .removeAlpha()
      .toColourspace('srgb')
      .resize(size.width, size.height, { fit: 'fill', kernel: 'linear', fastShrinkOnLoad: false })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new InputError(
      `Failed to decode image ${path}: ${errorMessage(error)}. ` +
        'The file is truncated or corrupt; re-export it.',
    );
  }

  const { data, info } = decoded;
  if (info.channels !== 3 || info.width !== size.width || info.height !== size.height) {
    throw new Error(
      `Expected ${size.width}x${size.height}x3 from sharp for ${path}, ` +
        `got ${info.width}x${info.height}x${info.channels}`,
    );
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/**
 * Writes interleaved RGB `pixels` of size `valid` into the top-left corner of `out`, normalised.
 * Positions outside `valid` keep their 0.
 */
function writeTensor(pixels: Uint8Array, valid: Size, spec: PreprocessSpec, out: Float32Array) {
  const { scale, offset } = colourAffine(spec.normalize);
  const inputWidth = spec.inputSize.width;
  const plane = inputWidth * spec.inputSize.height;

  for (let colour = 0; colour < 3; colour += 1) {
    const channel = spec.channelOrder === 'rgb' ? colour : 2 - colour;
    const colourScale = scale[colour as 0 | 1 | 2];
    const colourOffset = offset[colour as 0 | 1 | 2];

    for (let y = 0; y < valid.height; y += 1) {
      for (let x = 0; x < valid.width; x += 1) {
        const value = (pixels[(y * valid.width + x) * 3 + colour] as number) * colourScale;
        const position = y * inputWidth + x;
        const index = spec.layout === 'nhwc' ? position * 3 + channel : channel * plane + position;
        out[index] = value + colourOffset;
      }
    }
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
