import { readFile } from 'node:fs/promises';

import { InputError } from '../errors.js';

/** Duplicate ids named in an error message; the message gives the total count too. */
const MAX_NAMED_DUPLICATES = 20;

/**
 * Reads a list of image ids, one per line, as in VOC `ImageSets/Segmentation/<split>.txt`.
 * `fileKind` names the file in errors, for example `split file` or `ids file`. Throws an InputError
 * when the file is missing or its contents are invalid (see {@link parseIdList}).
 */
export async function readIdList(path: string, fileKind: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    const reason = code === 'ENOENT' ? 'not found' : `unreadable (${code})`;
    throw new InputError(
      `The ${fileKind} ${path} is ${reason}; expected a text file with one id per line.`,
    );
  }
  return parseIdList(text, `${fileKind} ${path}`);
}

/**
 * Parses one image id per line. Lines are trimmed, and blank lines and lines starting with `#` are
 * skipped. Only the first whitespace-separated token counts, so a line `2007_000032  1` of a VOC
 * class list gives `2007_000032`.
 *
 * Throws an InputError naming `source` when no id is listed, when an id appears more than once,
 * or when an id contains a path separator (ids are file names without extension).
 */
export function parseIdList(text: string, source: string): string[] {
  const ids: string[] = [];
  const linesById = new Map<string, number[]>();

  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      return;
    }

    const id = trimmed.split(/\s+/)[0] ?? trimmed;
    if (id.includes('/') || id.includes('\\')) {
      throw new InputError(
        `The ${source} lists "${id}" on line ${index + 1}, which contains a path separator; ` +
          'ids are file names without extension, for example 2007_000033.',
      );
    }

    ids.push(id);
    linesById.set(id, [...(linesById.get(id) ?? []), index + 1]);
  });

  if (ids.length === 0) {
    throw new InputError(
      `The ${source} lists no ids (only blank lines or # comments); expected one image id per ` +
        'line, for example 2007_000033.',
    );
  }

  rejectDuplicates(linesById, source);
  return ids;
}

function rejectDuplicates(linesById: ReadonlyMap<string, readonly number[]>, source: string): void {
  const duplicates = [...linesById.entries()].filter(([, lines]) => lines.length > 1);
  if (duplicates.length === 0) {
    return;
  }

  const named = duplicates
    .slice(0, MAX_NAMED_DUPLICATES)
    .map(([id, lines]) => `${id} (lines ${lines.join(', ')})`)
    .join(', ');
  const more =
    duplicates.length > MAX_NAMED_DUPLICATES
      ? `, and ${duplicates.length - MAX_NAMED_DUPLICATES} more`
      : '';
  throw new InputError(
    `The ${source} lists ${duplicates.length} id(s) more than once: ${named}${more}. ` +
      'Each id must appear once; remove the repeated lines.',
  );
}
