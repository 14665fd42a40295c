import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Creates `path` and its missing parents, one level at a time. Unlike `mkdir(path, { recursive:
 * true })`, which on Node 20 can loop forever under some virtual file systems (a missing folder
 * below `/proc`), each `mkdir` here either succeeds or throws. Throws an Error whose message names
 * the first component that is not a folder or cannot be created.
 */
export async function ensureDir(path: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(path);

  for (;;) {
    const kind = await entryKind(current);
    if (kind === 'folder') {
      break;
    }
    if (kind === 'other') {
      throw new Error(`${current} exists and is not a folder`);
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) {
      break;
    }
    current = parent;
  }

  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code !== 'EEXIST' ||
        (await entryKind(folder)) !== 'folder'
      ) {
        throw new Error(`cannot create the folder ${folder}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  }
}

async function entryKind(path: string): Promise<'folder' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return 'missing';
    }
    if (code === 'ENOTDIR') {
      return 'other';
    }
    throw error;
  }
}
