/** One evaluation item: an image id with the files that hold its image and its label. */
export interface Sample {
  readonly id: string;
  readonly imagePath: string;
  readonly labelPath: string;
}

/** Origin of a dataset's ids and files, as recorded in the report. */
export type DatasetSource =
  | {
      readonly kind: 'voc';
      readonly root: string;
      readonly split: string | null;
      readonly idsFile: string | null;
    }
  | { readonly kind: 'folders'; readonly imagesDir: string; readonly labelsDir: string };

/** The samples to evaluate, after `--limit` and the missing-file rule were applied. */
export interface ResolvedDataset {
  readonly source: DatasetSource;
  readonly samples: readonly Sample[];
  /** Number of ids listed before missing files were skipped (after `--limit`). */
  readonly listedCount: number;
  /** Ids skipped because their image or label file is missing (only with `--skip-missing`). */
  readonly skippedIds: readonly string[];
}
