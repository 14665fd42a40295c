import type { ClassIdMask } from '../decode/types.js';

/**
 * Downsamples a class-id mask to a `size` x `size` grid by nearest neighbour: grid cell (row, col)
 * takes the pixel at the centre of its area. Masks of any size map to the same grid length, so two
 * masks that show the same layout of classes at different sizes get (nearly) the same grid.
 */
export function signatureGrid(mask: ClassIdMask, size: number): Uint8Array {
  const grid = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    const y = Math.min(mask.height - 1, Math.floor(((row + 0.5) * mask.height) / size));
    for (let col = 0; col < size; col++) {
      const x = Math.min(mask.width - 1, Math.floor(((col + 0.5) * mask.width) / size));
      grid[row * size + col] = mask.data[y * mask.width + x] as number;
    }
  }
  return grid;
}

/** Encodes a signature grid as a string key (its bytes in base64), equal for equal grids. */
export function signatureKey(grid: Uint8Array): string {
  return Buffer.from(grid.buffer, grid.byteOffset, grid.byteLength).toString('base64');
}
