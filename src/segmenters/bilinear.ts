import type { Size } from '../config/settings.js';
import { pickClass, scoreStrides } from './score-view.js';
import type { ScoreStrides, ScoreView } from './score-view.js';

/**
 * Bilinear resizing of per-class scores with half-pixel centres (`align_corners=False`): output
 * pixel `i` samples source position `(i + 0.5) * extent / size - 0.5`, clamped at 0 and at the last
 * source pixel. This is the rule of TF2 `tf.image.resize(method='bilinear')` and of PyTorch
 * `interpolate(mode='bilinear', align_corners=False)`, both without antialiasing.
 *
 * `extent` is the part of the source that maps onto the output, anchored at the top-left corner,
 * in source pixels. It may be fractional (a padded image's valid region seen at a coarser output
 * stride), and resizing only that part is the same as cropping it first.
 */

/** The two source indices that each output position blends, and the weight of the upper one. */
export interface AxisTaps {
  readonly lower: Int32Array;
  readonly upper: Int32Array;
  readonly weight: Float64Array;
}

/**
 * Computes the taps of one axis: `size` output positions over the first `extent` of `sourceSize`
 * source pixels. Example: size 4, extent 2 gives positions -0.25, 0.25, 0.75, 1.25.
 */
export function bilinearTaps(size: number, extent: number, sourceSize: number): AxisTaps {
  const lower = new Int32Array(size);
  const upper = new Int32Array(size);
  const weight = new Float64Array(size);
  const scale = extent / size;
  const last = Math.max(Math.min(Math.ceil(extent), sourceSize) - 1, 0);

  for (let i = 0; i < size; i += 1) {
    const position = Math.max((i + 0.5) * scale - 0.5, 0);
    const low = Math.min(Math.floor(position), last);
    const high = Math.min(low + 1, last);
    lower[i] = low;
    upper[i] = high;
    weight[i] = high === low ? 0 : position - low;
  }
  return { lower, upper, weight };
}

/**
 * Resizes every channel of `view` (the first `extent` of it) to `size`. Returns the scores planar,
 * `channels * size.height * size.width` values in channel, row, column order. Used where the
 * resized scores themselves are needed; decoding uses {@link resizeBilinearArgmax}.
 */
export function resizeBilinear(view: ScoreView, extent: Size, size: Size): Float32Array {
  const out = new Float32Array(view.channels * size.height * size.width);
  const plane = size.height * size.width;

  forEachResizedPixel(view, extent, size, (x, y, scores) => {
    for (let c = 0; c < view.channels; c += 1) {
      out[c * plane + y * size.width + x] = scores[c] as number;
    }
  });
  return out;
}

/**
 * Resizes the scores of `view` (the first `extent` of it) to `size` and picks the class of each
 * pixel with `pickClass`, without a full-size buffer per class. Returns `size.width * size.height`
 * class ids, row-major.
 */
export function resizeBilinearArgmax(view: ScoreView, extent: Size, size: Size): Uint8Array {
  const out = new Uint8Array(size.width * size.height);

  forEachResizedPixel(view, extent, size, (x, y, scores) => {
    out[y * size.width + x] = pickClass(scores, view.channels);
  });
  return out;
}

/**
 * Visits the output pixels row by row with their interpolated scores. Rows are blended first into
 * one buffer per output row, then each output pixel blends two columns of it.
 */
function forEachResizedPixel(
  view: ScoreView,
  extent: Size,
  size: Size,
  visit: (x: number, y: number, scores: Float64Array) => void,
): void {
  const channels = view.channels;
  const strides = scoreStrides(view);
  const columns = bilinearTaps(size.width, extent.width, view.width);
  const rows = bilinearTaps(size.height, extent.height, view.height);
  const usedColumns = Math.min(Math.ceil(extent.width), view.width);

  const blendedRow = new Float64Array(usedColumns * channels);
  const scores = new Float64Array(channels);

  for (let y = 0; y < size.height; y += 1) {
    blendRows(view, strides, rows, y, usedColumns, blendedRow);

    for (let x = 0; x < size.width; x += 1) {
      const left = (columns.lower[x] as number) * channels;
      const right = (columns.upper[x] as number) * channels;
      const weight = columns.weight[x] as number;
      for (let c = 0; c < channels; c += 1) {
        const a = blendedRow[left + c] as number;
        const b = blendedRow[right + c] as number;
        scores[c] = (1 - weight) * a + weight * b;
      }
      visit(x, y, scores);
    }
  }
}

/** Blends the two source rows of output row `y` over the first `columns` source columns. */
function blendRows(
  view: ScoreView,
  strides: ScoreStrides,
  rows: AxisTaps,
  y: number,
  columns: number,
  out: Float64Array,
): void {
  const top = (rows.lower[y] as number) * strides.row;
  const bottom = (rows.upper[y] as number) * strides.row;
  const weight = rows.weight[y] as number;

  for (let x = 0; x < columns; x += 1) {
    const column = x * strides.column;
    for (let c = 0; c < view.channels; c += 1) {
      const offset = c * strides.channel + column;
      const a = view.data[top + offset] as number;
      const b = view.data[bottom + offset] as number;
      out[x * view.channels + c] = (1 - weight) * a + weight * b;
    }
  }
}
