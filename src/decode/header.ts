import { stat } from 'node:fs/promises';

import sharp from 'sharp';
import type { Metadata } from 'sharp';

import { InputError } from '../errors.js';
import { checkPixelLimit } from './pixel-limit.js';
import { sharpErrorReason } from './sharp-error.js';

/** Size and format of an image file, read from its header without decoding pixels. */
export interface ImageHeader {
  /** Stored width in pixels; EXIF orientation is not applied. */
  readonly width: number;
  /** Stored height in pixels; EXIF orientation is not applied. */
  readonly height: number;
  /** Format as sharp names it, for example `jpeg` or `png`. */
  readonly format: string;
}

/**
 * Reads the size and format of an image with sharp's `metadata()`, which parses the header only.
 * The size is the stored pixel grid, the same grid that {@link readRgbImage} returns.
 *
 * Throws an InputError when the file is missing or unreadable, or when it declares more than
 * `maxPixels` pixels (`width * height`).
 */
export async function readImageHeader(path: string, maxPixels: number): Promise<ImageHeader> {
  let metadata: Metadata;
  try {
    metadata = await sharp(path).metadata();
  } catch (error) {
    throw await headerFailure(path, error);
  }

  const { width, height, format } = metadata;
  if (width === undefined || height === undefined || width === 0 || height === 0) {
    throw new InputError(
      `${path} has no image size in its header. The file is truncated or corrupt; re-export it.`,
    );
  }

  checkPixelLimit(path, width, height, maxPixels);
  return { width, height, format: String(format) };
}

async function headerFailure(path: string, error: unknown): Promise<InputError> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    return new InputError(`Image file not found: ${path}.`);
  }
  return new InputError(
    `Failed to read the image header of ${path}: ${sharpErrorReason(error)}. ` +
      'Expected an image such as JPEG or PNG; the file may be truncated or corrupt.',
  );
}
