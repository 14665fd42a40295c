/**
 * Divides `numerator` by `denominator`, returning null when the denominator is 0. Every metric goes
 * through this helper so that an empty denominator is reported as "undefined" (null), never as 0.
 */
export function divideOrNull(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Mean of the non-null values, or null when every value is null. */
export function meanOfDefined(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (value !== null) {
      sum += value;
      count += 1;
    }
  }
  return divideOrNull(sum, count);
}
