import { describe, expect, it } from 'vitest';

import { vocPalette } from '../../../src/decode/palette.js';

function entry(palette: Uint8Array, id: number): number[] {
  return Array.from(palette.subarray(id * 3, id * 3 + 3));
}

describe('vocPalette', () => {
  const palette = vocPalette();

  it('has 256 RGB entries', () => {
    expect(palette.length).toBe(768);
  });

  // Colours of the PASCAL VOC colour map as published with the VOC development kit.
  it.each([
    [0, [0, 0, 0]],
    [1, [128, 0, 0]],
    [2, [0, 128, 0]],
    [3, [128, 128, 0]],
    [4, [0, 0, 128]],
    [8, [64, 0, 0]],
    [15, [192, 128, 128]],
    [20, [0, 64, 128]],
    [255, [224, 224, 192]],
  ])('maps class %i to %j', (id, rgb) => {
    expect(entry(palette, id)).toEqual(rgb);
  });

  it('gives every class a distinct colour', () => {
    const colours = new Set<string>();
    for (let id = 0; id < 256; id++) {
      colours.add(entry(palette, id).join(','));
    }
    expect(colours.size).toBe(256);
  });
});
