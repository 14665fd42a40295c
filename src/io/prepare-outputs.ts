import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError, errorMessage } from '../errors.js';
import { ensureDir } from './ensure-dir.js';

/** One output location of a run: a file whose folder must exist, or a folder. */
export interface OutputTarget {
  /** The option that names it, for messages: `--report`. */
  readonly option: string;
  readonly path: string;
  readonly kind: 'file' | 'folder';
}

/**
 * Creates the folders of every output before the run starts and checks that they can be written,
 * so a mistyped path stops the run at once (exit 2) instead of after the whole evaluation.
 */
export async function prepareOutputs(targets: readonly OutputTarget[]): Promise<void> {
  for (const target of targets) {
    const folder = target.kind === 'file' ? dirname(target.path) : target.path;
    try {
      await ensureDir(folder);
      await access(folder, constants.W_OK);
    } catch (error) {
      throw new UsageError(
        `Cannot write ${target.option} ${target.path}: ${errorMessage(error)}. Choose a path in a folder that can be created and written to.`,
        { cause: error },
      );
    }
  }
}
