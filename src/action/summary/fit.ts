import type { SummarySection } from './types.js';

/** Bytes kept free under the limit for the notes about left-out parts. */
const NOTE_RESERVE_BYTES = 4096;

/**
 * Joins sections into Markdown of at most `limitBytes` UTF-8 bytes. When everything does not
 * fit, optional sections are left out, lowest priority first, and a note names each one. When the
 * required sections alone are too long, the text is cut at the last line break that fits and a
 * note states it.
 */
export function fitSections(sections: readonly SummarySection[], limitBytes: number): string {
  const present = sections.filter((section) => section.markdown !== '');
  const kept = new Set(present);
  const budget = limitBytes - NOTE_RESERVE_BYTES;

  const optional = present
    .filter((section) => section.priority !== 'required')
    .sort((a, b) => Number(a.priority) - Number(b.priority));
  const omitted: string[] = [];
  for (const section of optional) {
    if (byteLength(join(present.filter((entry) => kept.has(entry)))) <= budget) {
      break;
    }
    kept.delete(section);
    omitted.push(section.title);
  }

  let markdown = join(present.filter((entry) => kept.has(entry)));
  if (omitted.length > 0) {
    markdown += `\n\n> Left out to stay under GitHub's ${formatMiB(limitBytes)} job summary limit: ${omitted.join(', ')}. The report file (output \`report-path\`) has everything.\n`;
  }
  if (byteLength(markdown) > limitBytes) {
    markdown = cutAtLine(markdown, budget);
    markdown += `\n\n> The summary was cut here to stay under GitHub's ${formatMiB(limitBytes)} job summary limit. The report file (output \`report-path\`) has everything.\n`;
  }
  return markdown;
}

function join(sections: readonly SummarySection[]): string {
  return `${sections.map((section) => section.markdown).join('\n\n')}\n`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function cutAtLine(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8').subarray(0, maxBytes);
  // Decoding may end in half a character; the cut at a line break drops it.
  const head = bytes.toString('utf8');
  const lastBreak = head.lastIndexOf('\n');
  return lastBreak > 0 ? head.slice(0, lastBreak) : head.slice(0, Math.max(0, head.length - 1));
}

function formatMiB(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} byte`;
}
