import { DEFAULT_REGRESSION_OPTIONS } from '../checks/defaults.js';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { CheckRecord } from '../checks/types.js';
import { errorMessage, exitCodeFor, ExitCode } from '../errors.js';
import type { Report } from '../report/types.js';
import { annotateAndFail } from './annotate.js';
import type { Annotation } from './annotations.js';
import { describeBaseline, findBaseline, saveBaseline } from './baseline/gate-baseline.js';
import { baselineNamespace } from './baseline/namespace.js';
import type { BaselineOrigin, BaselineStore } from './baseline/store.js';
import type { CacheService } from './cache/service.js';
import { runCacheWorker } from './cache/worker.js';
import { Env, Output } from './constants.js';
import { readRunContext } from './context.js';
import type { EngineProvider } from './engine/provider.js';
import { evaluateWithBaseline } from './evaluation.js';
import { readActionInputs } from './inputs.js';
import type { ActionInputs, InputReader } from './inputs.js';
import type { ActionLog } from './log.js';
import { formatOutputNumber } from './numbers.js';
import { interpretEngineExit } from './outcome.js';
import type { RunOutcome } from './outcome.js';
import { prepareWorkPaths } from './paths.js';
import type { WorkPaths } from './paths.js';
import { reportOf } from './report-file.js';
import { renderJobSummary } from './summary/render.js';
import type { BaselineSaveNote } from './summary/types.js';
import { readTrainingReport, withTrainingOutcome } from './training-report.js';
import type { TrainingSummary } from './training-report.js';

/** Appends Markdown to the job summary. */
export interface SummarySink {
  write(markdown: string): Promise<void>;
}

/** The side effects of the action, passed in so tests can drive each one. */
export interface ActionDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly readInput: InputReader;
  readonly setOutput: (name: string, value: string) => void;
  readonly setFailed: (message: string) => void;
  readonly log: ActionLog;
  readonly summary: SummarySink;
  readonly engine: EngineProvider;
  readonly createCache: (timeoutMs: number) => CacheService;
  readonly createBaselineStore: (cache: CacheService, workDir: string) => BaselineStore;
}

/**
 * Runs the action: in the cache worker process (see `createWorkerCacheService`) one cache call,
 * otherwise the gate with the runtime's side effects. The runtime is imported lazily so the cache
 * worker starts without it.
 */
export async function run(): Promise<void> {
  const workerRequest = process.env[Env.cacheWorkerRequest];
  if (workerRequest !== undefined && workerRequest !== '') {
    await runCacheWorker(workerRequest);
    // Sockets the cache library keeps alive would hold the worker open.
    process.exit(0);
  }

  const { createRuntimeDeps } = await import('./runtime.js');
  await runAction(createRuntimeDeps());
}

/**
 * Runs the gate: reads the inputs, makes the engine ready, finds the baseline, runs the engine,
 * saves a passing default-branch report as the next baseline, then writes the job summary,
 * outputs and annotations. Any failure ends in `setFailed`, after a summary when one can be
 * written.
 */
export async function runAction(deps: ActionDeps): Promise<void> {
  let inputs: ActionInputs;
  let paths: WorkPaths;
  try {
    inputs = readActionInputs(deps.readInput);
    paths = await prepareWorkPaths(deps.env);
  } catch (error) {
    deps.setFailed(errorMessage(error));
    return;
  }

  try {
    await runGate(deps, inputs, paths);
  } catch (error) {
    const outcome: RunOutcome = {
      kind: 'error',
      cause: exitCodeFor(error) === ExitCode.usageOrInput ? 'input' : 'internal',
      message: errorMessage(error),
    };
    await finish(deps, inputs, paths, {
      outcome,
      report: null,
      baseline: { kind: 'none', reason: 'the evaluation did not run', warn: false },
      baselineRejection: null,
      save: null,
      warnings: [],
      training: null,
    });
  }
}

interface GateResult {
  readonly outcome: RunOutcome;
  readonly report: Report | null;
  readonly baseline: BaselineOrigin;
  /** The engine's reason for rejecting the baseline, or null (see `evaluateWithBaseline`). */
  readonly baselineRejection: string | null;
  readonly save: BaselineSaveNote | null;
  readonly warnings: readonly Annotation[];
  /** The training report of a `train-steps` run, or null. */
  readonly training: TrainingSummary | null;
}

async function runGate(deps: ActionDeps, inputs: ActionInputs, paths: WorkPaths): Promise<void> {
  const context = readRunContext(deps.env);
  const cwd = resolve(deps.env[Env.workspace] || process.cwd(), inputs.workingDirectory ?? '.');
  const cache = deps.createCache(inputs.cacheTimeoutMs);
  const { namespace, source } = baselineNamespace(inputs);
  deps.log.debug(`Baseline namespace ${namespace} from: ${source}`);

  const runner = await deps.engine.prepare(inputs.device, cache);

  const store = deps.createBaselineStore(cache, paths.root);
  const baseline = await findBaseline(inputs, context, namespace, store, cwd);
  const warnings: Annotation[] = [];
  if (baseline.kind === 'none' && baseline.warn) {
    warnings.push({
      title: 'seg-gate: no baseline',
      message: `no baseline: regression checks skipped (${baseline.reason})`,
    });
  }
  deps.log.info(describeBaseline(baseline));

  const evaluation = await evaluateWithBaseline({
    runner,
    inputs,
    paths,
    cwd,
    baselinePath: baseline.kind === 'none' ? null : baseline.path,
    log: deps.log,
  });
  if (evaluation.baselineRejection !== null) {
    warnings.push({
      title: 'seg-gate: baseline not comparable',
      message: `baseline not comparable: ${evaluation.baselineRejection}; regression checks skipped`,
    });
  }
  const report = reportOf(evaluation.file);
  const training = inputs.training === null ? null : await readTraining(deps, paths);
  const outcome = withTrainingOutcome(
    interpretEngineExit(evaluation.exit, evaluation.file),
    evaluation.exit,
    training,
  );

  const save = await saveBaseline(context, outcome, store, namespace, paths.report);
  if (save?.kind === 'not-saved') {
    warnings.push({ title: 'seg-gate: baseline not saved', message: save.reason });
  }

  await finish(deps, inputs, paths, {
    outcome,
    report,
    baseline,
    baselineRejection: evaluation.baselineRejection,
    save,
    warnings,
    training,
  });
}

/** Reads the training report, logging why there is none to show. */
async function readTraining(deps: ActionDeps, paths: WorkPaths): Promise<TrainingSummary | null> {
  const file = await readTrainingReport(paths.trainingReport);
  switch (file.kind) {
    case 'read':
      return file.summary;
    case 'missing':
      deps.log.info(`No training report at ${paths.trainingReport}: the engine wrote none.`);
      return null;
    case 'unusable':
      deps.log.warning(`Training report not shown: ${file.reason}`, 'seg-gate');
      return null;
  }
}

/** Writes the summary, the outputs and the annotations, and fails the step unless it passed. */
async function finish(
  deps: ActionDeps,
  inputs: ActionInputs,
  paths: WorkPaths,
  result: GateResult,
): Promise<void> {
  const { outcome, report } = result;
  const overlays = report?.overlays ?? [];

  const markdown = renderJobSummary({
    outcome,
    report,
    baseline: result.baseline,
    baselineRejection: result.baselineRejection,
    save: result.save,
    overlays,
    reportPath: paths.report,
    thresholds: {
      minClassIou: numberInput(inputs, 'min-class-iou'),
      minClassRecall: numberInput(inputs, 'min-class-recall'),
      maxClassIouDrop:
        numberInput(inputs, 'max-class-iou-drop') ?? DEFAULT_REGRESSION_OPTIONS.maxClassIouDrop,
    },
    training: result.training,
  });
  await writeFile(paths.summary, markdown);
  try {
    await deps.summary.write(markdown);
  } catch (error) {
    deps.log.info(`Job summary not written: ${errorMessage(error)}. It is in ${paths.summary}.`);
  }

  const failedChecks = [...(result.training?.checks ?? []), ...(report?.checks ?? [])].filter(
    (check) => check.status === 'fail',
  );
  setOutputs(deps, outcome, report, failedChecks, paths, overlays.length > 0);
  setTrainingOutputs(deps, result.training, paths);
  annotateAndFail(deps.log, deps.setFailed, outcome, report, failedChecks, result.warnings);
}

function setOutputs(
  deps: ActionDeps,
  outcome: RunOutcome,
  report: Report | null,
  failedChecks: readonly CheckRecord[],
  paths: WorkPaths,
  hasOverlays: boolean,
): void {
  deps.setOutput(Output.verdict, outcome.kind);
  deps.setOutput(Output.miou, formatOutputNumber(report?.metrics?.miou));
  deps.setOutput(Output.pixelAccuracy, formatOutputNumber(report?.metrics?.pixelAccuracy));
  deps.setOutput(Output.meanRecall, formatOutputNumber(report?.metrics?.meanRecall));
  deps.setOutput(Output.failedChecks, failedChecks.map((check) => check.id).join(','));
  deps.setOutput(Output.reportPath, report === null ? '' : paths.report);
  deps.setOutput(Output.summaryPath, paths.summary);
  deps.setOutput(Output.overlaysPath, hasOverlays ? paths.overlays : '');
}

/**
 * Sets `checkpoint-path` when training saved a checkpoint and `training-report-path` when a
 * training report was read; both are empty otherwise.
 */
function setTrainingOutputs(
  deps: ActionDeps,
  training: TrainingSummary | null,
  paths: WorkPaths,
): void {
  deps.setOutput(
    Output.checkpointPath,
    training === null || training.checkpoint === null ? '' : paths.checkpoint,
  );
  deps.setOutput(Output.trainingReportPath, training === null ? '' : paths.trainingReport);
}

function numberInput(
  inputs: ActionInputs,
  name: 'min-class-iou' | 'min-class-recall' | 'max-class-iou-drop',
): number | null {
  const value = inputs.engineValues.get(name);
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
