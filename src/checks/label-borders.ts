import type { ClassIdMask } from '../decode/types.js';

/** Pixel counts of every label value 0..255 in one mask. */
export interface BorderCounts {
  /** Pixels per value. */
  readonly pixels: Float64Array;
  /** Pixels per value whose 4-neighbours inside the image all have the same value. */
  readonly interior: Float64Array;
  /**
   * Pixels per value that lie strictly between two opposite neighbours (left and right, or up and
   * down), for example a 7 between a 0 and a 15, as interpolating between two regions leaves.
   */
  readonly between: Float64Array;
}

/**
 * Counts, for each value of a class-id mask, its pixels, its interior pixels and its in-between
 * pixels (see {@link BorderCounts}). Neighbours outside the image are not required for an interior
 * pixel, because an image edge is not a region border. Pixels equal to `ignoreIndex` are not
 * counted, but as neighbours they still end an interior and bound an in-between pixel.
 *
 * A value that bilinear resizing created between two regions forms strips one or two pixels wide:
 * almost none of its pixels are interior and most are in-between. A thin object drawn by hand has
 * few interior pixels too, but its pixels rarely lie numerically between their neighbours.
 */
export function countBorderPixels(mask: ClassIdMask, ignoreIndex: number): BorderCounts {
  const pixels = new Float64Array(256);
  const interior = new Float64Array(256);
  const between = new Float64Array(256);
  const { width, height, data } = mask;

  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const index = row + x;
      const value = data[index] as number;
      if (value === ignoreIndex) {
        continue;
      }
      pixels[value] = (pixels[value] as number) + 1;

      const left = x > 0 ? (data[index - 1] as number) : value;
      const right = x < width - 1 ? (data[index + 1] as number) : value;
      const up = y > 0 ? (data[index - width] as number) : value;
      const down = y < height - 1 ? (data[index + width] as number) : value;
      if (left === value && right === value && up === value && down === value) {
        interior[value] = (interior[value] as number) + 1;
      }
      if (isStrictlyBetween(value, left, right) || isStrictlyBetween(value, up, down)) {
        between[value] = (between[value] as number) + 1;
      }
    }
  }
  return { pixels, interior, between };
}

function isStrictlyBetween(value: number, a: number, b: number): boolean {
  return (a < value && value < b) || (b < value && value < a);
}
