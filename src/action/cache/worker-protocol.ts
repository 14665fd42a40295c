/** One cache call for a worker process. */
export type CacheWorkerCall =
  | {
      readonly op: 'restore';
      readonly paths: string[];
      readonly primaryKey: string;
      readonly restoreKeys: string[];
    }
  | { readonly op: 'save'; readonly paths: string[]; readonly key: string };

/** The request file the action writes for one cache worker process. */
export type CacheWorkerRequest = CacheWorkerCall & {
  /** Path the worker writes its CacheWorkerResult to. */
  readonly resultPath: string;
};

/** The result file a cache worker writes before it exits. */
export type CacheWorkerResult =
  | { readonly matchedKey: string | null }
  | { readonly cacheId: number }
  | { readonly error: string };
