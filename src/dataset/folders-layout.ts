import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { InputError, errorMessage } from '../errors.js';
import type { DatasetListing, SampleCandidate } from './candidates.js';

/** Image extensions tried for each id, in this order and with this case. */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png'] as const;

const LABEL_EXTENSION = '.png';

/** Ignored file names quoted in the warning; the warning gives the total count too. */
const MAX_NAMED_IGNORED = 5;

/**
 * Lists the ids of an images folder and a labels folder: one id per `<id>.png` file in
 * `labelsDir`, sorted by the UTF-8 bytes of the id. The image of an id is the first existing of
 * `<id>.jpg`, `<id>.jpeg` and `<id>.png` in `imagesDir`. Whether it exists is checked later.
 * Other files in `labelsDir` are ignored and reported once through `onWarning`.
 *
 * Throws an InputError when a folder is missing or `labelsDir` contains no `.png` file.
 */
export async function listFolderDataset(
  imagesDir: string,
  labelsDir: string,
  onWarning?: (message: string) => void,
): Promise<DatasetListing> {
  await requireFolder(imagesDir, 'Images');
  const names = await listFileNames(labelsDir);

  const isLabel = (name: string): boolean =>
    name.endsWith(LABEL_EXTENSION) && name.length > LABEL_EXTENSION.length;
  const labelNames = names.filter(isLabel);
  const ignored = names.filter((name) => !isLabel(name));
  if (ignored.length > 0) {
    onWarning?.(ignoredFilesWarning(labelsDir, ignored));
  }
  if (labelNames.length === 0) {
    throw new InputError(
      `The labels folder ${labelsDir} has no ${LABEL_EXTENSION} files; expected one class-id ` +
        'PNG per image, named <id>.png.',
    );
  }

  const ids = labelNames.map((name) => name.slice(0, -LABEL_EXTENSION.length)).sort(compareBytes);
  const candidates: SampleCandidate[] = ids.map((id) => ({
    id,
    imagePaths: IMAGE_EXTENSIONS.map((extension) => join(imagesDir, `${id}${extension}`)),
    labelPath: join(labelsDir, `${id}${LABEL_EXTENSION}`),
  }));
  return { source: { kind: 'folders', imagesDir, labelsDir }, candidates };
}

/** Orders strings by their UTF-8 bytes, so the order does not depend on locale. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

async function requireFolder(path: string, folderKind: 'Images' | 'Labels'): Promise<void> {
  const isFolder = await stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new InputError(`${folderKind} folder not found: ${path}.`);
  }
}

/** Names of the files (and links to files) directly in `dir`; subfolders are left out. */
async function listFileNames(dir: string): Promise<string[]> {
  await requireFolder(dir, 'Labels');
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => entry.name);
  } catch (error) {
    throw new InputError(`Failed to list the labels folder ${dir}: ${errorMessage(error)}.`);
  }
}

function ignoredFilesWarning(labelsDir: string, ignored: readonly string[]): string {
  const named = [...ignored].sort(compareBytes).slice(0, MAX_NAMED_IGNORED).join(', ');
  const more = ignored.length > MAX_NAMED_IGNORED ? ', ...' : '';
  return (
    `Ignored ${ignored.length} file(s) in ${labelsDir} without the ${LABEL_EXTENSION} ` +
    `extension: ${named}${more}.`
  );
}
