import type { ClassIdMask } from '../decode/types.js';

/** Pixel counts of every label value 0..255 in one mask. */
export interface BorderCounts {
  /** Pixels per value. */
  readonly pixels: Float64Array;
  /** Pixels per value whose 4-neighbours inside the image all hold the same value. */
  readonly interior: Float64Array;
}

/**
 * Counts, for each value of a class-id mask, its pixels and its interior pixels: those whose up,
 * down, left and right neighbours hold the same value. Neighbours outside the image are not
 * required, because an image edge is not a region border. A value that bilinear resizing created
 * between two regions forms strips one or two pixels wide and so has almost no interior pixels.
 * Pixels equal to `ignoreIndex` are not counted, but they still end the interior of a neighbour.
 */
export function countBorderPixels(mask: ClassIdMask, ignoreIndex: number): BorderCounts {
  const pixels = new Float64Array(256);
  const interior = new Float64Array(256);
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

      const sameLeft = x === 0 || data[index - 1] === value;
      const sameRight = x === width - 1 || data[index + 1] === value;
      const sameUp = y === 0 || data[index - width] === value;
      const sameDown = y === height - 1 || data[index + width] === value;
      if (sameLeft && sameRight && sameUp && sameDown) {
        interior[value] = (interior[value] as number) + 1;
      }
    }
  }
  return { pixels, interior };
}
