import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Env } from './constants.js';

/** Files and folders of one action run, under `RUNNER_TEMP/seg-gate`. */
export interface WorkPaths {
  readonly root: string;
  readonly report: string;
  /** The job summary Markdown as written to the step summary (output `summary-path`). */
  readonly summary: string;
  /** The engine's own Markdown summary. */
  readonly engineSummary: string;
  readonly overlays: string;
}

/**
 * Creates the run's work folder under `RUNNER_TEMP` (the system temp folder outside a runner) and
 * empties the overlay folder, so a second step in the same job shows only its own overlays.
 */
export async function prepareWorkPaths(env: NodeJS.ProcessEnv): Promise<WorkPaths> {
  const root = join(env[Env.runnerTemp] || tmpdir(), 'seg-gate');
  const paths: WorkPaths = {
    root,
    report: join(root, 'report.json'),
    summary: join(root, 'summary.md'),
    engineSummary: join(root, 'engine-summary.md'),
    overlays: join(root, 'overlays'),
  };

  await mkdir(root, { recursive: true });
  await clearEngineOutputs(paths);
  return paths;
}

/** Deletes the report and empties the overlay folder, so a run shows only what it wrote. */
export async function clearEngineOutputs(paths: WorkPaths): Promise<void> {
  await rm(paths.report, { force: true });
  await rm(paths.overlays, { recursive: true, force: true });
  await mkdir(paths.overlays, { recursive: true });
}

/** True when `path` is a regular file (following symbolic links). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
