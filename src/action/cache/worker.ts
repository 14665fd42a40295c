import { readFile, writeFile } from 'node:fs/promises';

import { restoreCache, saveCache } from '@actions/cache';

import { errorMessage } from '../../errors.js';
import type { CacheWorkerRequest, CacheWorkerResult } from './worker-protocol.js';

/**
 * Runs one `@actions/cache` call described by the request file and writes its result file. The
 * process's working folder and `GITHUB_WORKSPACE` are the root the request's paths are relative
 * to. Library log lines go to stdout, where the action reads them.
 */
export async function runCacheWorker(requestPath: string): Promise<void> {
  const request = JSON.parse(await readFile(requestPath, 'utf8')) as CacheWorkerRequest;

  let result: CacheWorkerResult;
  try {
    if (request.op === 'restore') {
      const matchedKey = await restoreCache(request.paths, request.primaryKey, request.restoreKeys);
      result = { matchedKey: matchedKey ?? null };
    } else {
      result = { cacheId: await saveCache(request.paths, request.key) };
    }
  } catch (error) {
    // Only validation errors (a bad key or path) reach here; the library turns service trouble
    // into a warning and a miss.
    result = { error: errorMessage(error) };
  }

  await writeFile(request.resultPath, JSON.stringify(result));
}
