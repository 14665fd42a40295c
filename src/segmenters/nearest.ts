import type { Size } from '../config/settings.js';

/**
 * Returns, for each of `size` output positions, the source index that nearest-neighbour resizing
 * reads, with half-pixel centres: `floor((i + 0.5) * extent / size)`, clamped to the last source
 * pixel inside `extent` (as PyTorch `nearest-exact` and TF2 `tf.image.resize(method='nearest')`).
 * `extent` is the part of the source, from index 0, that maps onto the output, and may be
 * fractional. Example: size 4 over extent 2 reads 0, 0, 1, 1.
 */
export function nearestIndices(size: number, extent: number, sourceSize: number): Int32Array {
  const indices = new Int32Array(size);
  const scale = extent / size;
  const last = Math.max(Math.min(Math.ceil(extent), sourceSize) - 1, 0);

  for (let i = 0; i < size; i += 1) {
    indices[i] = Math.min(Math.floor((i + 0.5) * scale), last);
  }
  return indices;
}

/**
 * Resizes a row-major class-id map of `sourceSize` to `size` by nearest neighbour, reading only its
 * top-left `extent` (in source pixels), so that cropping and resizing happen in one pass.
 */
export function resizeNearest(
  ids: Uint8Array,
  sourceSize: Size,
  extent: Size,
  size: Size,
): Uint8Array {
  const columns = nearestIndices(size.width, extent.width, sourceSize.width);
  const rows = nearestIndices(size.height, extent.height, sourceSize.height);
  const out = new Uint8Array(size.width * size.height);

  for (let y = 0; y < size.height; y += 1) {
    const sourceRow = (rows[y] as number) * sourceSize.width;
    for (let x = 0; x < size.width; x += 1) {
      out[y * size.width + x] = ids[sourceRow + (columns[x] as number)] as number;
    }
  }
  return out;
}
