import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { ensureDir } from '../io/ensure-dir.js';
import { basename, dirname, join } from 'node:path';
import { UsageError, errorMessage } from '../errors.js';
import { formatJson } from './json.js';
import type { Report } from './types.js';
import { validateReport } from './validate.js';

/**
 * Validates a report and writes it as JSON to `path`, atomically.
 *
 * Validation runs before any file is touched, so an invalid report leaves an existing file at
 * `path` unchanged. See `writeTextAtomic` for how the file is replaced.
 *
 * @throws ReportValidationError when the report does not match the schema.
 * @throws UsageError when the folder cannot be created or the file cannot be written.
 */
export async function writeReportAtomic(path: string, report: Report): Promise<void> {
  validateReport(report, 'the report to write');
  await writeTextAtomic(path, formatJson(report));
}

/**
 * Writes UTF-8 text to `path` through a temporary file in the same folder, which is then renamed
 * over the target. Readers see the old file or the whole new one, never a partial file. Missing
 * parent folders are created. On failure the temporary file is removed and the target is left as
 * it was. A crash of the process between writing and renaming can leave a `.<name>.<hex>.tmp`
 * file behind.
 *
 * @throws UsageError naming the path when the folder cannot be created or the file written.
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  const tempPath = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

  try {
    await ensureDir(folder);
    await writeAndSync(tempPath, text);
    await rename(tempPath, path);
  } catch (error) {
    await removeTempFile(tempPath);
    throw new UsageError(
      `Failed to write ${path}: ${errorMessage(error)}. Choose a path in a folder that can be created and written to.`,
      { cause: error },
    );
  }
}

async function writeAndSync(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes a temporary file if it exists. A failure here is dropped, so the caller reports the write
 * error that caused the cleanup. When the folder is missing or is a file, no temporary file exists.
 */
async function removeTempFile(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch {
    // Nothing to clean up: see above.
  }
}
