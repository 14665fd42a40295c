import { stat } from 'node:fs/promises';

import { InputError, errorMessage } from '../errors.js';
import type { SampleCandidate } from './candidates.js';
import type { Sample } from './types.js';

/** An id whose image or label file was not found, with the paths that were tried. */
export interface MissingSample {
  readonly id: string;
  /** The image paths tried, or null when the image exists. */
  readonly imagePaths: readonly string[] | null;
  /** The label path, or null when the label exists. */
  readonly labelPath: string | null;
}

/** Missing ids named in messages; the messages give the total count too. */
const MAX_NAMED_IDS = 20;
/** Missing ids whose expected paths are spelled out in the error. */
const MAX_DETAILED_IDS = 5;

/**
 * Checks which candidates have both files. Returns the complete samples and the incomplete ids,
 * both in candidate order. Throws an InputError when a path exists but cannot be checked (for
 * example, permission denied).
 */
export async function locateSamples(
  candidates: readonly SampleCandidate[],
): Promise<{ samples: Sample[]; missing: MissingSample[] }> {
  const located = await Promise.all(candidates.map(locateSample));

  const samples: Sample[] = [];
  const missing: MissingSample[] = [];
  for (const entry of located) {
    if ('imagePath' in entry) {
      samples.push(entry);
    } else {
      missing.push(entry);
    }
  }
  return { samples, missing };
}

/**
 * Builds the error for ids with missing files: the count, the expected paths of the first few
 * ids, and the first 20 ids. When some ids are complete, it points to `--skip-missing`.
 */
export function missingFilesError(
  missing: readonly MissingSample[],
  listedCount: number,
): InputError {
  const allMissing = missing.length === listedCount;
  const lines = [
    allMissing
      ? `None of the ${listedCount} listed ids has both an image and a label file:`
      : `${missing.length} of ${listedCount} listed ids have a missing image or label file:`,
    ...missing.slice(0, MAX_DETAILED_IDS).map(describeMissing),
  ];
  if (missing.length > MAX_DETAILED_IDS) {
    lines.push(`  ...`, namedIds(missing));
  }
  lines.push(
    allMissing
      ? 'Check the dataset folders and that the ids match the file names.'
      : 'Pass --skip-missing to evaluate the ids that are present.',
  );
  return new InputError(lines.join('\n'));
}

/** Builds the warning printed when `--skip-missing` drops ids: the count and the first 20 ids. */
export function skippedIdsWarning(missing: readonly MissingSample[], listedCount: number): string {
  return (
    `Skipped ${missing.length} of ${listedCount} ids because their image or label file is ` +
    `missing (--skip-missing). ${namedIds(missing)}`
  );
}

async function locateSample(candidate: SampleCandidate): Promise<Sample | MissingSample> {
  const [imagePath, labelFound] = await Promise.all([
    firstExistingFile(candidate.imagePaths),
    isFile(candidate.labelPath),
  ]);

  if (imagePath !== null && labelFound) {
    return { id: candidate.id, imagePath, labelPath: candidate.labelPath };
  }
  return {
    id: candidate.id,
    imagePaths: imagePath === null ? candidate.imagePaths : null,
    labelPath: labelFound ? null : candidate.labelPath,
  };
}

async function firstExistingFile(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    if (await isFile(path)) {
      return path;
    }
  }
  return null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return false;
    }
    throw new InputError(`Failed to check ${path}: ${errorMessage(error)}.`);
  }
}

function describeMissing(entry: MissingSample): string {
  const parts: string[] = [];
  if (entry.imagePaths !== null) {
    parts.push(`image not found at ${describePaths(entry.imagePaths)}`);
  }
  if (entry.labelPath !== null) {
    parts.push(`label not found at ${entry.labelPath}`);
  }
  return `  ${entry.id}: ${parts.join('; ')}`;
}

/** Spells `[a.jpg, a.jpeg, a.png]` as `a.jpg, .jpeg or .png`. */
function describePaths(paths: readonly string[]): string {
  const [first, ...others] = paths;
  if (others.length === 0) {
    return String(first);
  }

  const extensions = others.map((path) => path.slice(path.lastIndexOf('.')));
  const last = extensions.pop();
  return [first, ...extensions].join(', ') + ` or ${last}`;
}

function namedIds(missing: readonly MissingSample[]): string {
  const ids = missing.slice(0, MAX_NAMED_IDS).map((entry) => entry.id);
  const label =
    missing.length > MAX_NAMED_IDS
      ? `Missing ids (first ${MAX_NAMED_IDS} of ${missing.length})`
      : 'Missing ids';
  return `${label}: ${ids.join(', ')}.`;
}
