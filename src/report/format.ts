/**
 * Number and duration formatting shared by the Markdown and terminal summaries and the progress
 * reporter. Output does not depend on the locale.
 */

/** Placeholder for a value that is null because its denominator is empty. */
export const NO_VALUE = '—';

/**
 * Formats a fraction in [0, 1] (IoU, recall, precision, accuracy) with 4 decimals, for example
 * `0.7312`, or `—` for null. Values are not converted to percent.
 */
export function formatRatio(value: number | null): string {
  return value === null ? NO_VALUE : value.toFixed(4);
}

/** Formats an integer count with comma thousands separators, for example `1,234,567`. */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a fraction as a percentage with 1 decimal, for example `8.3%`. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/**
 * Formats a throughput in images per second: 1 decimal from 1 upwards (`4.1`), 2 decimals below
 * (`0.35`), `—` for null.
 */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null) {
    return NO_VALUE;
  }
  return perSecond >= 1 ? perSecond.toFixed(1) : perSecond.toFixed(2);
}

/**
 * Formats a duration given in milliseconds: `850ms` below one second, `12.3s` below one minute,
 * `5m 24s` below one hour, `1h 05m` from one hour.
 */
export function formatDuration(ms: number): string {
  if (Math.round(ms) < 1000) {
    return `${Math.round(ms)}ms`;
  }
  const tenths = Math.round(ms / 100);
  if (tenths < 600) {
    return `${(tenths / 10).toFixed(1)}s`;
  }
  return formatWholeSeconds(ms);
}

/**
 * Formats a duration given in milliseconds to whole seconds: `42s`, `5m 24s`, `1h 05m`. Used for
 * estimates, where tenths of a second would suggest false precision.
 */
export function formatWholeSeconds(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)}m ${pad2(seconds % 60)}s`;
  }
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${pad2(minutes % 60)}m`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
