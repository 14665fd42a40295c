import type { DataSettings } from '../config/settings.js';
import { invalidOption } from '../errors.js';
import type { DatasetListing } from './candidates.js';
import { listFolderDataset } from './folders-layout.js';
import { locateSamples, missingFilesError, skippedIdsWarning } from './missing.js';
import type { ResolvedDataset } from './types.js';
import { listVocDataset } from './voc-layout.js';

export interface ResolveDatasetOptions {
  /** Keep only the first N listed ids (N >= 1), applied before the missing-file check; null keeps all. */
  readonly limit: number | null;
  /** Drop ids whose image or label file is missing instead of failing. */
  readonly skipMissing: boolean;
  /** Receives non-fatal notices: ignored files in a labels folder, ids skipped as missing. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Lists the samples to evaluate: the ids of a VOC-layout root (split or ids file) or of an
 * images folder plus a labels folder, cut to the first `limit` ids, each with existing image and
 * label files.
 *
 * Throws an InputError when the layout is missing or invalid, or when an id lacks its image or
 * label file. With `skipMissing`, such ids are dropped into `skippedIds` and reported once through
 * `onWarning`, but an InputError is still thrown when no id is complete.
 */
export async function resolveDataset(
  data: DataSettings,
  options: ResolveDatasetOptions,
): Promise<ResolvedDataset> {
  if (options.limit !== null && !(Number.isInteger(options.limit) && options.limit >= 1)) {
    throw invalidOption('--limit', 'a whole number of at least 1', options.limit);
  }

  const listing = await listDataset(data, options.onWarning);
  const candidates =
    options.limit === null ? listing.candidates : listing.candidates.slice(0, options.limit);
  const listedCount = candidates.length;

  const { samples, missing } = await locateSamples(candidates);
  if (missing.length > 0 && (!options.skipMissing || samples.length === 0)) {
    throw missingFilesError(missing, listedCount);
  }
  if (missing.length > 0) {
    options.onWarning?.(skippedIdsWarning(missing, listedCount));
  }

  return {
    source: listing.source,
    samples,
    listedCount,
    skippedIds: missing.map((entry) => entry.id),
  };
}

async function listDataset(
  data: DataSettings,
  onWarning: ((message: string) => void) | undefined,
): Promise<DatasetListing> {
  switch (data.kind) {
    case 'voc':
      return listVocDataset(data.root, data.split, data.idsFile);
    case 'folders':
      return listFolderDataset(data.imagesDir, data.labelsDir, onWarning);
    default:
      throw new Error(`Unknown dataset kind in ${JSON.stringify(data)}`);
  }
}
