import sharp from 'sharp';
import type { OutputInfo } from 'sharp';

import { InputError } from '../errors.js';
import { readImageHeader } from './header.js';
import { sharpErrorReason } from './sharp-error.js';
import type { RgbImage } from './types.js';

/**
 * Decodes an image file into 8-bit sRGB, 3 interleaved channels, row-major. Alpha is dropped
 * (not blended), grey images are expanded to RGB, and 16-bit images are reduced to 8 bits.
 *
 * EXIF orientation is not applied: VOC labels are drawn on the stored pixel grid, so rotating the
 * image would misalign it with its label.
 *
 * The header is checked against `maxPixels` (`width * height`) before decoding, and sharp's
 * `limitInputPixels` enforces the same limit during decoding. Throws an InputError naming the file
 * when it is missing, too large or fails to decode.
 */
export async function readRgbImage(path: string, maxPixels: number): Promise<RgbImage> {
  await readImageHeader(path, maxPixels);

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(path, { limitInputPixels: maxPixels })
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new InputError(
      `Failed to decode image ${path}: ${sharpErrorReason(error)}. ` +
        'The file is truncated or corrupt; re-export it.',
    );
  }

  const { data, info } = decoded;
  if (info.channels !== 3) {
    throw new Error(`Expected 3 channels from sharp for ${path}, got ${info.channels}`);
  }
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}
