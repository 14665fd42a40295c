import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { DEFAULT_SPLIT } from '../config/settings.js';
import { InputError } from '../errors.js';
import type { DatasetListing, SampleCandidate } from './candidates.js';
import { readIdList } from './ids.js';

const IMAGES_FOLDER = 'JPEGImages';
const LABELS_FOLDER = 'SegmentationClass';
const SPLITS_FOLDER = join('ImageSets', 'Segmentation');

/**
 * Lists the ids of a VOC-layout root: from `idsFile` when given, otherwise from
 * `ImageSets/Segmentation/<split>.txt` (split `val` by default). Each id maps to
 * `JPEGImages/<id>.jpg` and `SegmentationClass/<id>.png`. Whether those files exist is checked
 * later. Throws an InputError when the root, its image or label folder, or the id list is missing.
 */
export async function listVocDataset(
  root: string,
  split: string | null,
  idsFile: string | null,
): Promise<DatasetListing> {
  await requireVocFolders(root);

  const usedSplit = split ?? DEFAULT_SPLIT;
  const ids =
    idsFile !== null ? await readIdList(idsFile, 'ids file') : await readSplitIds(root, usedSplit);

  const candidates: SampleCandidate[] = ids.map((id) => ({
    id,
    imagePaths: [join(root, IMAGES_FOLDER, `${id}.jpg`)],
    labelPath: join(root, LABELS_FOLDER, `${id}.png`),
  }));
  const source = {
    kind: 'voc',
    root,
    split: idsFile === null ? usedSplit : null,
    idsFile,
  } as const;
  return { source, candidates };
}

async function requireVocFolders(root: string): Promise<void> {
  if (!(await isFolder(root))) {
    throw new InputError(
      `VOC root not found: ${root}. Expected a folder with ${IMAGES_FOLDER}/, ${LABELS_FOLDER}/ ` +
        `and ${SPLITS_FOLDER}/, such as VOCdevkit/VOC2012.`,
    );
  }

  const missing: string[] = [];
  for (const folder of [IMAGES_FOLDER, LABELS_FOLDER]) {
    if (!(await isFolder(join(root, folder)))) {
      missing.push(`${folder}/`);
    }
  }
  if (missing.length > 0) {
    throw new InputError(
      `The VOC root ${root} has no ${missing.join(' and ')} folder. Expected ${IMAGES_FOLDER}/ ` +
        `with <id>.jpg images and ${LABELS_FOLDER}/ with <id>.png labels.`,
    );
  }
}

async function readSplitIds(root: string, split: string): Promise<string[]> {
  const splitsDir = join(root, SPLITS_FOLDER);
  const path = join(splitsDir, `${split}.txt`);
  if (!(await isFile(path))) {
    throw new InputError(`Split file not found: ${path}. ${await describeSplits(splitsDir)}`);
  }
  return readIdList(path, 'split file');
}

async function describeSplits(splitsDir: string): Promise<string> {
  let names: string[];
  try {
    names = await readdir(splitsDir);
  } catch {
    return `The folder ${splitsDir} does not exist; give an ids file instead of a split.`;
  }

  const splits = names
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.slice(0, -'.txt'.length))
    .sort();
  if (splits.length === 0) {
    return `${splitsDir} has no .txt split files; give an ids file instead of a split.`;
  }
  return `Splits in ${splitsDir}: ${splits.join(', ')}.`;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
