import type { ActionInputs } from './inputs.js';

/** Files and folders the action hands the engine. */
export interface EngineFiles {
  readonly reportPath: string;
  readonly summaryPath: string;
  /** Folder for overlay PNGs; null when overlays are off. */
  readonly overlaysDir: string | null;
  /** Baseline report to compare against; null when there is none. */
  readonly baselinePath: string | null;
}

/**
 * Builds the `seg-gate evaluate` arguments: every engine input that was set as `--<name> <value>`
 * (thresholds and bootstrap settings only when set, so the engine's defaults apply otherwise),
 * `--skip-missing` when true, then the report, summary, progress, overlay and baseline options.
 * `--overlays` is always passed, so `overlays: 0` also turns off overlays that a config file asks
 * for.
 */
export function buildEngineArgs(inputs: ActionInputs, files: EngineFiles): string[] {
  const args = ['evaluate'];

  for (const [name, value] of inputs.engineValues) {
    args.push(`--${name}`, value);
  }
  if (inputs.skipMissing) {
    args.push('--skip-missing');
  }

  args.push('--report', files.reportPath, '--summary', files.summaryPath, '--progress', 'lines');

  if (files.overlaysDir !== null && inputs.overlays > 0) {
    args.push('--overlays', String(inputs.overlays), '--overlays-dir', files.overlaysDir);
  } else {
    args.push('--overlays', '0');
  }
  if (files.baselinePath !== null) {
    args.push('--baseline', files.baselinePath);
  }

  return args;
}
