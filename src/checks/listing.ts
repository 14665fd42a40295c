import { MAX_LISTED_SUBJECTS } from './contract.js';

/** How many image ids a collapse message names as examples. */
export const MAX_EXAMPLE_IDS = 5;

/**
 * Joins the first `max` items with commas and counts the rest, for example
 * `a, b, c and 4 more`. Returns an empty string for no items.
 */
export function listWithRest(items: readonly string[], max = MAX_LISTED_SUBJECTS): string {
  const listed = items.slice(0, max);
  const rest = items.length - listed.length;
  return rest > 0 ? `${listed.join(', ')} and ${rest} more` : listed.join(', ');
}

/** `1 image`, `2 images`: the count with the noun in singular or plural. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Name of a class id, or `class <id>` when the names list has no entry for it. */
export function className(names: readonly string[], id: number): string {
  return names[id] ?? `class ${id}`;
}
