import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder for config and class-names files, removed by `remove`. */
export interface TempDir {
  readonly path: string;
  /** Writes `text` to `relativePath` inside the folder and returns the absolute path. */
  write(relativePath: string, text: string): Promise<string>;
  /** Replaces the folder's path in `text` with `<tmp>`, so snapshots do not depend on it. */
  mask(text: string): string;
  remove(): Promise<void>;
}

export async function createTempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'seg-gate-config-'));
  return {
    path,
    async write(relativePath, text) {
      const file = join(path, relativePath);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      return file;
    },
    mask: (text) => text.split(path).join('<tmp>'),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** Returns the error that `promise` rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) {
      return error;
    }
    throw new Error(`rejected with a non-Error value: ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Returns the error that `run` throws; fails when it returns. */
export function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) {
      return error;
    }
    throw new Error(`threw a non-Error value: ${String(error)}`);
  }
  throw new Error('expected an error, but the call returned');
}
