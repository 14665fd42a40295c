import { writeFile } from 'node:fs/promises';
import { ensureDir } from '../io/ensure-dir.js';
import { dirname } from 'node:path';

import { encode } from 'fast-png';

import { InputError, errorMessage } from '../errors.js';
import { vocPalette } from './palette.js';
import type { ClassIdMask } from './types.js';

/**
 * Encodes a class-id mask as an 8-bit palette PNG (colour type 3) whose palette indices are the
 * class ids, so `decodeMask` and PIL (mode `P`) read back the same ids.
 *
 * `palette` contains RGB triples, at most 256 (768 bytes), and defaults to the VOC colour map. A
 * shorter palette is padded with black to 256 entries, so every 8-bit id has a palette entry.
 */
export function encodeClassIdPng(
  mask: ClassIdMask,
  palette: Uint8Array = vocPalette(),
): Uint8Array {
  if (mask.data.length !== mask.width * mask.height) {
    throw new RangeError(
      `Mask data has ${mask.data.length} entries, expected ${mask.width}x${mask.height} = ` +
        `${mask.width * mask.height}`,
    );
  }
  if (palette.length % 3 !== 0 || palette.length > 256 * 3) {
    throw new RangeError(
      `Palette has ${palette.length} bytes, expected a multiple of 3 up to 768 (256 RGB entries)`,
    );
  }

  return encode({
    width: mask.width,
    height: mask.height,
    data: mask.data,
    depth: 8,
    channels: 1,
    palette: paletteEntries(palette),
  });
}

/**
 * Writes a class-id mask to `path` as an 8-bit palette PNG (see {@link encodeClassIdPng}),
 * creating missing parent folders. Throws an InputError when the file cannot be written.
 */
export async function writeClassIdPng(
  path: string,
  mask: ClassIdMask,
  palette?: Uint8Array,
): Promise<void> {
  const bytes = encodeClassIdPng(mask, palette);
  try {
    await ensureDir(dirname(path));
    await writeFile(path, bytes);
  } catch (error) {
    throw new InputError(`Failed to write ${path}: ${errorMessage(error)}.`);
  }
}

function paletteEntries(palette: Uint8Array): number[][] {
  const entries: number[][] = [];
  for (let index = 0; index < 256; index++) {
    const offset = index * 3;
    entries.push([palette[offset] ?? 0, palette[offset + 1] ?? 0, palette[offset + 2] ?? 0]);
  }
  return entries;
}
