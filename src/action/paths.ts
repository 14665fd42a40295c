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
  /** Folder `seg-gate train` saves the trained checkpoint to (output `checkpoint-path`). */
  readonly checkpoint: string;
  /** The training report of `seg-gate train` (output `training-report-path`). */
  readonly trainingReport: string;
}

/**
 * Creates the run's work folder under `RUNNER_TEMP` (the system temp folder outside a runner) and
 * clears the engine's outputs, so a second step in the same job shows only its own results.
 */
export async function prepareWorkPaths(env: NodeJS.ProcessEnv): Promise<WorkPaths> {
  const root = join(env[Env.runnerTemp] || tmpdir(), 'seg-gate');
  const paths: WorkPaths = {
    root,
    report: join(root, 'report.json'),
    summary: join(root, 'summary.md'),
    engineSummary: join(root, 'engine-summary.md'),
    overlays: join(root, 'overlays'),
    checkpoint: join(root, 'checkpoint'),
    trainingReport: join(root, 'training.json'),
  };

  await mkdir(root, { recursive: true });
  await clearEngineOutputs(paths);
  return paths;
}

/**
 * Deletes the report, the training report and the checkpoint folder and empties the overlay
 * folder, so a run shows only what it wrote.
 */
export async function clearEngineOutputs(paths: WorkPaths): Promise<void> {
  await rm(paths.report, { force: true });
  await rm(paths.trainingReport, { force: true });
  await rm(paths.checkpoint, { recursive: true, force: true });
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
