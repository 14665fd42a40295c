/** Decimals kept in numeric outputs (`miou`, `pixel-accuracy`, `mean-recall`). */
export const OUTPUT_DECIMALS = 6;

/**
 * Formats a number as a plain decimal for a step output: rounded to 6 decimals, trailing zeros
 * dropped, never in exponent form (`0.5912`, `1`, `0.000001`). Null and non-finite values give
 * `''`, which GitHub expressions read as empty.
 */
export function formatOutputNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '';
  }
  const fixed = value.toFixed(OUTPUT_DECIMALS);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Formats a difference with an explicit sign and 4 decimals (`+0.0123`, `-0.0040`), or `—`. */
export function formatDelta(value: number | null): string {
  if (value === null) {
    return '—';
  }
  const fixed = Math.abs(value).toFixed(4);
  if (Number(fixed) === 0) {
    return fixed;
  }
  return `${value < 0 ? '-' : '+'}${fixed}`;
}
