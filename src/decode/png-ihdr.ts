import { hasPngSignature } from 'fast-png';

import { InputError } from '../errors.js';

/** The fields of a PNG `IHDR` chunk that decide how its samples are read. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey with alpha, 6 RGBA. */
  readonly colourType: number;
  /** True for Adam7 interlacing. */
  readonly interlaced: boolean;
}

/** Bit depths that the PNG specification allows for each colour type. */
const ALLOWED_BIT_DEPTHS: ReadonlyMap<number, readonly number[]> = new Map([
  [0, [1, 2, 4, 8, 16]],
  [2, [8, 16]],
  [3, [1, 2, 4, 8]],
  [4, [8, 16]],
  [6, [8, 16]],
]);

/** Signature (8 bytes) + IHDR length, type (8 bytes) + IHDR data (13 bytes). */
const HEADER_BYTES = 29;

/** Returns true when `bytes` starts with the 8-byte PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return hasPngSignature(bytes);
}

/**
 * Parses the `IHDR` chunk that every PNG file must start with, without touching the pixel data.
 * Throws an InputError naming `path` when the header is truncated or breaks the PNG specification.
 */
export function parsePngHeader(bytes: Uint8Array, path: string): PngHeader {
  if (bytes.length < HEADER_BYTES) {
    throw invalidHeader(path, `the file ends after ${bytes.length} bytes`);
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkLength = view.getUint32(8);
  const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunkType !== 'IHDR' || chunkLength !== 13) {
    throw invalidHeader(path, 'the first chunk is not a 13-byte IHDR chunk');
  }

  const header: PngHeader = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: view.getUint8(24),
    colourType: view.getUint8(25),
    interlaced: view.getUint8(28) === 1,
  };
  validateHeader(header, view.getUint8(28), path);
  return header;
}

function validateHeader(header: PngHeader, interlaceMethod: number, path: string): void {
  if (header.width === 0 || header.height === 0) {
    throw invalidHeader(path, `the size is ${header.width}x${header.height}`);
  }

  const allowed = ALLOWED_BIT_DEPTHS.get(header.colourType);
  if (allowed === undefined) {
    throw invalidHeader(path, `colour type ${header.colourType} does not exist`);
  }
  if (!allowed.includes(header.bitDepth)) {
    throw invalidHeader(
      path,
      `colour type ${header.colourType} allows bit depths ${allowed.join(', ')}, ` +
        `not ${header.bitDepth}`,
    );
  }

  if (interlaceMethod > 1) {
    throw invalidHeader(path, `interlace method ${interlaceMethod} does not exist`);
  }
}

function invalidHeader(path: string, reason: string): InputError {
  return new InputError(
    `Invalid PNG header in ${path}: ${reason}. The file is truncated or corrupt; re-export it.`,
  );
}
