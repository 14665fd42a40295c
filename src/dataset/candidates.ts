import type { DatasetSource } from './types.js';

/** An id with the paths where its image and label are expected, before the files are checked. */
export interface SampleCandidate {
  readonly id: string;
  /** Image paths in lookup order; the first existing file is the image. */
  readonly imagePaths: readonly string[];
  readonly labelPath: string;
}

/** The ids of a dataset layout, in evaluation order, with where they came from. */
export interface DatasetListing {
  readonly source: DatasetSource;
  readonly candidates: readonly SampleCandidate[];
}
