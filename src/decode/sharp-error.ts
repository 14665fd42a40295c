import { errorMessage } from '../errors.js';

/**
 * Condenses a sharp error into one line. libvips repeats its decoder warnings on separate lines,
 * so the lines are trimmed, deduplicated and joined with `; `.
 */
export function sharpErrorReason(error: unknown): string {
  const lines = errorMessage(error)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return [...new Set(lines)].join('; ');
}
