import type { ClassReport } from '../../report/types.js';

/** Most bars the chart draws; with more classes it shows the ones with the lowest IoU. */
export const MAX_CHART_CLASSES = 40;

/** Maximum length of a class label in the chart, in characters. */
const MAX_LABEL_LENGTH = 24;

/**
 * Renders a Mermaid `xychart-beta` bar chart of per-class IoU (y axis 0 to 1) in a fenced code
 * block. Classes with undefined IoU (absent from labels and predictions) are left out. Returns
 * `''` when no class has an IoU.
 */
export function renderIouChart(classes: readonly ClassReport[]): string {
  const scored = classes.filter(
    (entry): entry is ClassReport & { iou: number } => entry.iou !== null,
  );
  if (scored.length === 0) {
    return '';
  }

  const charted =
    scored.length <= MAX_CHART_CLASSES
      ? scored
      : [...scored]
          .sort((a, b) => a.iou - b.iou)
          .slice(0, MAX_CHART_CLASSES)
          .sort((a, b) => a.id - b.id);
  const title =
    charted.length === scored.length
      ? 'Per-class IoU'
      : `Per-class IoU, the ${charted.length} lowest of ${scored.length} classes`;

  return [
    '```mermaid',
    'xychart-beta',
    `    title "${title}"`,
    `    x-axis [${charted.map((entry) => `"${chartLabel(entry.name)}"`).join(', ')}]`,
    '    y-axis "IoU" 0 --> 1',
    `    bar [${charted.map((entry) => entry.iou.toFixed(4)).join(', ')}]`,
    '```',
  ].join('\n');
}

/**
 * Makes a class name safe inside a quoted Mermaid label. Quotes become apostrophes. Backticks,
 * brackets, angle brackets and line breaks become spaces, because they could end the string, the
 * list or the code block, or be read as HTML. Long names are cut with `…`.
 */
export function chartLabel(name: string): string {
  const safe = name
    .replace(/"/g, "'")
    .replace(/[`[\]<>\r\n\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const label = safe === '' ? '?' : safe;
  return label.length > MAX_LABEL_LENGTH ? `${label.slice(0, MAX_LABEL_LENGTH - 1)}…` : label;
}
