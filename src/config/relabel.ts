/**
 * Renaming of option names inside UsageError messages, for errors thrown by code that names a value
 * differently from the flag or config key that the user gave.
 */
import { UsageError } from '../errors.js';

/**
 * Returns a UsageError whose message has every name in `labels` replaced by its label, for example
 * `ignoredShareFail` by `--ignored-share-fail`. Names match as whole words (letters, digits, `_` and
 * `-` never touch them), in one pass, so a label that contains another name is not rewritten again.
 * Any other thrown value is returned unchanged, so callers can always `throw relabelError(...)`.
 */
export function relabelError(error: unknown, labels: Readonly<Record<string, string>>): unknown {
  const names = Object.keys(labels);
  if (!(error instanceof UsageError) || names.length === 0) {
    return error;
  }

  const alternatives = names.map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?<![\\w-])(?:${alternatives})(?![\\w-])`, 'g');
  const message = error.message.replace(pattern, (name) => labels[name] ?? name);
  return new UsageError(message);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
