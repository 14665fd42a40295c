import { readFile } from 'node:fs/promises';

import { decode } from 'fast-png';

import { InputError, errorMessage } from '../errors.js';
import { checkPixelLimit } from './pixel-limit.js';
import { isPng, parsePngHeader } from './png-ihdr.js';
import type { PngHeader } from './png-ihdr.js';
import type { ClassIdMask, MaskEncoding, MaskReadResult } from './types.js';

const ENCODING_BY_COLOUR_TYPE: ReadonlyMap<number, MaskEncoding> = new Map([
  [0, 'grey'],
  [2, 'rgb'],
  [3, 'palette'],
  [4, 'grey-alpha'],
  [6, 'rgba'],
]);

/**
 * Decodes a PNG mask into class ids: palette indices for a palette PNG (never the palette
 * colours), sample values for a grey PNG of bit depth 1, 2, 4 or 8. Bit depths below 8 are
 * unpacked to one id per pixel. 16-bit grey, grey with alpha, RGB and RGBA files return
 * `not-class-ids` without decoding their pixels.
 *
 * The header's `width * height` is checked against `maxPixels` before any pixel data is
 * inflated. Throws an InputError naming `path` for a non-PNG file, a pixel count above
 * `maxPixels`, or pixel data that fails to decode.
 */
export async function decodeMask(
  bytes: Uint8Array,
  path: string,
  maxPixels: number,
): Promise<MaskReadResult> {
  if (!isPng(bytes)) {
    throw notPngError(bytes, path);
  }

  const header = parsePngHeader(bytes, path);
  checkPixelLimit(path, header.width, header.height, maxPixels);

  const encoding = encodingOf(header);
  if (!storesClassIds(header)) {
    return {
      kind: 'not-class-ids',
      width: header.width,
      height: header.height,
      encoding,
      bitDepth: header.bitDepth,
    };
  }

  const mask = decodeClassIds(bytes, header, path);
  return { kind: 'mask', mask, encoding: encoding === 'palette' ? 'palette' : 'grey' };
}

/**
 * Reads a mask file and decodes it with {@link decodeMask}. Returns the raw file bytes too, so a
 * caller can hash or copy the file without reading it again. Throws an InputError when the file
 * is missing or unreadable.
 */
export async function readMask(
  path: string,
  maxPixels: number,
): Promise<{ result: MaskReadResult; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw readFailure(path, error);
  }

  const result = await decodeMask(bytes, path, maxPixels);
  return { result, bytes };
}

function encodingOf(header: PngHeader): MaskEncoding {
  const encoding = ENCODING_BY_COLOUR_TYPE.get(header.colourType);
  if (encoding === undefined) {
    // parsePngHeader accepts only the five colour types in the map.
    throw new Error(`Unexpected PNG colour type ${header.colourType}`);
  }
  return encoding;
}

/** Palette PNGs and grey PNGs of at most 8 bits store one class id per pixel. */
function storesClassIds(header: PngHeader): boolean {
  const singleChannel = header.colourType === 0 || header.colourType === 3;
  return singleChannel && header.bitDepth <= 8;
}

function decodeClassIds(bytes: Uint8Array, header: PngHeader, path: string): ClassIdMask {
  const { width, height, bitDepth } = header;

  // NOTE: fast-png 8 de-interlaces Adam7 images as if every sample filled a whole byte, which
  // scrambles bit depths 1, 2 and 4, so those files are rejected instead of decoded wrongly.
  if (header.interlaced && bitDepth < 8) {
    throw new InputError(
      `${path} is an interlaced (Adam7) PNG with bit depth ${bitDepth}, which seg-gate cannot ` +
        'decode; re-save it without interlacing or at bit depth 8.',
    );
  }

  let samples: Uint8Array;
  try {
    samples = toUint8(decode(bytes, { checkCrc: true }).data);
  } catch (error) {
    throw new InputError(
      `Failed to decode the pixel data of ${path}: ${errorMessage(error)}. ` +
        'The file is truncated or corrupt; re-export it.',
    );
  }

  // fast-png returns rows of packed samples for bit depths below 8.
  const expectedBytes = Math.ceil((width * bitDepth) / 8) * height;
  if (samples.length !== expectedBytes) {
    throw new InputError(
      `Failed to decode the pixel data of ${path}: got ${samples.length} bytes for ` +
        `${width}x${height} pixels at bit depth ${bitDepth}, expected ${expectedBytes}. ` +
        'The file is truncated or corrupt; re-export it.',
    );
  }

  // NOTE: grey samples of bit depth 1, 2 and 4 are returned as stored (0..2^depth-1). PIL 9.4
  // scales 2- and 4-bit grey to 0..255 (mode L) and reads 1-bit grey as mode 1 (0/255 per
  // pixel), so a Python pipeline may read other values from the same file.
  const data = bitDepth === 8 ? samples : unpackSamples(samples, width, height, bitDepth);
  return { width, height, data };
}

function toUint8(data: Uint8Array | Uint8ClampedArray | Uint16Array): Uint8Array {
  if (data instanceof Uint8Array) {
    return data;
  }
  if (data instanceof Uint8ClampedArray) {
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  }
  // Only bit depth 16 yields a Uint16Array, and those files never reach this point.
  throw new Error('Unexpected 16-bit samples for a mask of at most 8 bits');
}

/**
 * Unpacks rows of 1-, 2- or 4-bit samples into one byte per pixel. Each row starts on a byte
 * boundary and the first pixel sits in the most significant bits, as the PNG format specifies.
 */
function unpackSamples(
  packed: Uint8Array,
  width: number,
  height: number,
  bitDepth: number,
): Uint8Array {
  const bytesPerRow = Math.ceil((width * bitDepth) / 8);
  const sampleMask = (1 << bitDepth) - 1;
  const out = new Uint8Array(width * height);

  for (let y = 0; y < height; y++) {
    const rowStart = y * bytesPerRow;
    for (let x = 0; x < width; x++) {
      const bit = x * bitDepth;
      const byte = packed[rowStart + (bit >> 3)] ?? 0;
      const shift = 8 - bitDepth - (bit & 7);
      out[y * width + x] = (byte >> shift) & sampleMask;
    }
  }
  return out;
}

function notPngError(bytes: Uint8Array, path: string): InputError {
  const format = sniffFormat(bytes);
  const found = format === null ? 'is not a PNG file' : `is a ${format} file, not a PNG`;
  return new InputError(
    `${path} ${found}: class-id masks must be PNG files that store one class id per pixel as ` +
      'palette indices or 8-bit grey values. Export the mask as an indexed or greyscale PNG ' +
      '(JPEG compression changes the ids at object borders).',
  );
}

/** Names common image formats from their leading bytes, or returns null. */
function sniffFormat(bytes: Uint8Array): string | null {
  const startsWith = (...prefix: number[]): boolean =>
    prefix.every((value, index) => bytes[index] === value);
  const ascii = (start: number, end: number): string =>
    String.fromCharCode(...bytes.subarray(start, end));

  if (startsWith(0xff, 0xd8, 0xff)) {
    return 'JPEG';
  }
  if (ascii(0, 4) === 'GIF8') {
    return 'GIF';
  }
  if (ascii(0, 2) === 'BM') {
    return 'BMP';
  }
  if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) {
    return 'TIFF';
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') {
    return 'WebP';
  }
  return null;
}

function readFailure(path: string, error: unknown): InputError {
  if (errnoCode(error) === 'ENOENT') {
    return new InputError(`Mask file not found: ${path}.`);
  }
  return new InputError(`Failed to read mask file ${path}: ${errorMessage(error)}.`);
}

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}
