import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

import { encode } from 'fast-png';
import type { PngDataArray } from 'fast-png';

/** Creates a fresh temporary folder; returns its path and a function that removes it. */
export async function makeTempDir(
  prefix: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `seg-gate-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Builds a palette of `count` grey RGB entries in the form that fast-png expects. */
export function greyPalette(count: number): number[][] {
  return Array.from({ length: count }, (_, index) => [index, index, index]);
}

/** Encodes a non-interlaced PNG with fast-png; `channels` 1 plus a palette gives colour type 3. */
export function encodePng(options: {
  width: number;
  height: number;
  data: PngDataArray;
  depth: 1 | 2 | 4 | 8 | 16;
  channels: 1 | 2 | 3 | 4;
  palette?: number[][];
  interlace?: 'null' | 'Adam7';
}): Uint8Array {
  const { interlace, ...image } = options;
  return encode(image, interlace === undefined ? {} : { interlace });
}

/** Builds one PNG chunk: length, type, data and CRC-32 of type + data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(Buffer.from(type, 'latin1'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/**
 * Builds a PNG that has a signature, an IHDR chunk and an IEND chunk but no pixel data, so any
 * attempt to decode it fails while its header still parses.
 */
export function headerOnlyPng(
  width: number,
  height: number,
  bitDepth: number,
  colourType: number,
): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = bitDepth;
  ihdr[9] = colourType;

  const signature = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IEND', new Uint8Array(0))]);
}

/** Packs one sample per entry into PNG rows of `bitDepth` bits, each row padded to a byte. */
export function packSamples(
  values: readonly number[],
  width: number,
  bitDepth: 1 | 2 | 4,
): Uint8Array {
  const height = values.length / width;
  const bytesPerRow = Math.ceil((width * bitDepth) / 8);
  const packed = new Uint8Array(bytesPerRow * height);
  values.forEach((value, index) => {
    const x = index % width;
    const y = Math.floor(index / width);
    const bit = x * bitDepth;
    const shift = 8 - bitDepth - (bit % 8);
    const byteIndex = y * bytesPerRow + Math.floor(bit / 8);
    packed[byteIndex] = (packed[byteIndex] ?? 0) | (value << shift);
  });
  return packed;
}
