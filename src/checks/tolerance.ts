/**
 * Absolute slack for comparing a computed ratio with a threshold. Ratios of pixel counts carry
 * rounding error (0.7 - 0.6 is 0.09999999999999998), so a value that equals its threshold on paper
 * must not fall on the wrong side by a last-bit difference.
 */
export const RATIO_TOLERANCE = 1e-9;

/** True when `value` is at least `limit`, allowing {@link RATIO_TOLERANCE}. */
export function isAtLeast(value: number, limit: number): boolean {
  return value >= limit - RATIO_TOLERANCE;
}

/** True when `value` exceeds `limit` by more than {@link RATIO_TOLERANCE}. */
export function isAbove(value: number, limit: number): boolean {
  return value > limit + RATIO_TOLERANCE;
}

/** True when `value` is below `limit` by more than {@link RATIO_TOLERANCE}. */
export function isBelow(value: number, limit: number): boolean {
  return value < limit - RATIO_TOLERANCE;
}
