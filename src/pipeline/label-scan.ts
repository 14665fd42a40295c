import type { ClassIdMask } from '../decode/types.js';

/** Label values that are neither class ids nor the ignore index, with their pixel counts. */
export interface LabelScan {
  readonly outOfRange: Map<number, number>;
  readonly outOfRangePixels: number;
}

/** Finds label values outside 0..numClasses-1 that are not the ignore index. */
export function scanLabelValues(
  label: ClassIdMask,
  numClasses: number,
  ignoreIndex: number,
): LabelScan {
  const histogram = new Float64Array(256);
  for (const value of label.data) {
    histogram[value] = (histogram[value] as number) + 1;
  }

  const outOfRange = new Map<number, number>();
  let outOfRangePixels = 0;
  for (let value = numClasses; value < 256; value++) {
    const pixels = histogram[value] as number;
    if (pixels > 0 && value !== ignoreIndex) {
      outOfRange.set(value, pixels);
      outOfRangePixels += pixels;
    }
  }
  return { outOfRange, outOfRangePixels };
}
