import { baselineRejection } from './baseline/rejection.js';
import { buildEngineArgs } from './engine-args.js';
import type { EngineExit, EngineRunner } from './engine/run.js';
import type { ActionInputs } from './inputs.js';
import type { ActionLog } from './log.js';
import { clearEngineOutputs } from './paths.js';
import type { WorkPaths } from './paths.js';
import { readReportFile, reportOf } from './report-file.js';
import type { ReportFile } from './report-file.js';

/** The engine run whose report the action shows. */
export interface Evaluation {
  readonly exit: EngineExit;
  readonly file: ReportFile;
  /**
   * The engine's reason for rejecting the baseline, or null. After a rejection the run shown is
   * the second one, without a baseline, so its regression checks are skipped.
   */
  readonly baselineRejection: string | null;
}

/**
 * Runs the engine, against `baselinePath` when it is not null. When the engine rejects the
 * baseline (exit 2 naming it: another dataset, class list or report version), the run is
 * repeated without it. A pull request that changes the dataset then gets a warning and skipped
 * regression checks, not an error. The cost is a second evaluation, because the engine computes the
 * dataset fingerprint only after reading every label.
 *
 * NOTE: `seg-gate train` compares the baseline only when it evaluates the saved checkpoint, so a
 * rejected baseline in a training run repeats the training as well.
 */
export async function evaluateWithBaseline(options: {
  readonly runner: EngineRunner;
  readonly inputs: ActionInputs;
  readonly paths: WorkPaths;
  readonly cwd: string;
  readonly baselinePath: string | null;
  readonly log: ActionLog;
}): Promise<Evaluation> {
  const { runner, inputs, paths, cwd, baselinePath, log } = options;
  const run = async (baseline: string | null): Promise<{ exit: EngineExit; file: ReportFile }> => {
    await clearEngineOutputs(paths);
    const args = buildEngineArgs(inputs, {
      reportPath: paths.report,
      summaryPath: paths.engineSummary,
      overlaysDir: inputs.overlays > 0 ? paths.overlays : null,
      baselinePath: baseline,
      checkpointDir: paths.checkpoint,
      trainingReportPath: paths.trainingReport,
    });
    log.info(`Running seg-gate ${args.join(' ')}`);
    const exit = await runner.run(args, cwd);
    return { exit, file: await readReportFile(paths.report) };
  };

  const first = await run(baselinePath);
  const rejection =
    baselinePath === null
      ? null
      : baselineRejection(first.exit, reportOf(first.file), baselinePath);
  if (rejection === null) {
    return { ...first, baselineRejection: null };
  }

  log.info(`The engine rejected the baseline (${rejection}); running it again without one.`);
  const second = await run(null);
  return { ...second, baselineRejection: rejection };
}
