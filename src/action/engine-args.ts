import type { ActionInputs } from './inputs.js';

/** Files and folders the action hands the engine. */
export interface EngineFiles {
  readonly reportPath: string;
  readonly summaryPath: string;
  /** Folder for overlay PNGs; null when overlays are off. */
  readonly overlaysDir: string | null;
  /** Baseline report to compare against; null when there is none. */
  readonly baselinePath: string | null;
  /** Folder `seg-gate train` saves the checkpoint to; used only when training. */
  readonly checkpointDir: string;
  /** File `seg-gate train` writes its training report to; used only when training. */
  readonly trainingReportPath: string;
}

/**
 * Builds the engine arguments: `train` when `inputs.training` is set, else `evaluate`. Every
 * engine input that was set becomes `--<name> <value>` (thresholds and bootstrap settings only
 * when set, so the engine's defaults apply otherwise), then `--skip-missing` when true. A training
 * run adds `--steps`, the training inputs that were set, `--output` and `--training-report`. The
 * report, summary, progress, overlay and baseline options follow. `--overlays` is always passed,
 * so `overlays: 0` also turns off overlays that a config file turns on.
 */
export function buildEngineArgs(inputs: ActionInputs, files: EngineFiles): string[] {
  const training = inputs.training;
  const args = [training === null ? 'evaluate' : 'train'];

  for (const [name, value] of inputs.engineValues) {
    args.push(`--${name}`, value);
  }
  if (inputs.skipMissing) {
    args.push('--skip-missing');
  }

  if (training !== null) {
    args.push('--steps', String(training.steps));
    for (const [name, value] of training.values) {
      args.push(`--${name}`, value);
    }
    args.push('--output', files.checkpointDir, '--training-report', files.trainingReportPath);
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
