import { performance } from 'node:perf_hooks';

import type { CheckRecord } from '../checks/types.js';
import { runEvaluate, type EvaluateIo, type EvaluateResult } from '../cli/run-evaluate.js';
import { resolveDataset } from '../dataset/resolve.js';
import { prepareOutputs, type OutputTarget } from '../io/prepare-outputs.js';
import { ExitCode } from '../errors.js';
import type { Logger } from '../pipeline/logger.js';
import type { BackendCandidate } from '../segmenters/tfjs/backend.js';
import { selectTrainingBackend } from './backend.js';
import { buildBatch, createBatchSource } from './batches.js';
import { checkReload, saveCheckpoint } from './checkpoint.js';
import { loadTrainableModel } from './load-model.js';
import { runTrainingLoop, type LoopResult } from './loop.js';
import type { LossReduction } from './masked-loss.js';
import { buildLoss, createOptimizer, createStepFunction } from './optimizer-step.js';
import { runOverfitProbe, type OverfitProbeResult } from './overfit-probe.js';
import { prepareSession, preflightChecks, type TrainingSession } from './prepare.js';
import { buildTrainingReport, type TrainingOutcome } from './outcome.js';
import { trainingVerdict, writeTrainingReport, type TrainingReport } from './report.js';
import type { TrainSettings } from './settings.js';
import { prepareTrainingGraph } from './training-graph.js';

/** Test hooks: a loss reduction to simulate a summed loss, and the backends to try. */
export interface TrainHooks {
  readonly lossReduction?: LossReduction;
  readonly backendCandidates?: readonly BackendCandidate[];
}

export interface TrainResult {
  readonly exitCode: number;
  readonly report: TrainingReport;
  /** The evaluation of the trained checkpoint, or null when training stopped on a check. */
  readonly evaluation: EvaluateResult | null;
}

/**
 * Runs `seg-gate train`. It loads the layers model and runs the contract checks, the optional
 * overfit probe and the training steps with their checks. Then it saves the checkpoint, checks
 * that it reloads and evaluates it with `runEvaluate`. Any failed `training.` check stops the run before the
 * evaluation and gives exit code 1; otherwise the exit code is the evaluation's. The training
 * report is written in every case when a path is set.
 */
export async function runTrain(
  settings: TrainSettings,
  io: EvaluateIo,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const startedAt = new Date();
  const start = performance.now();
  await checkBeforeTraining(settings);
  const backend = await selectTrainingBackend(
    settings.evaluation.input.backend,
    io.logger,
    hooks.backendCandidates,
  );
  const loaded = await loadTrainableModel(settings.initialModel);

  let outcome: TrainingOutcome;
  try {
    const session = await prepareSession(settings, backend, loaded, io.logger);
    outcome = await trainSession(session, io.logger, hooks);
  } finally {
    loaded.model.dispose();
  }

  const evaluation = outcome.passed ? await runEvaluate(settings.evaluation, io) : null;
  const report = buildTrainingReport(outcome, evaluation, startedAt, performance.now() - start);
  if (settings.trainingReportPath) {
    await writeTrainingReport(settings.trainingReportPath, report);
  }

  const exitCode = outcome.passed ? (evaluation?.exitCode ?? ExitCode.pass) : ExitCode.gateFailed;
  return { exitCode, report, evaluation };
}

/**
 * Checks what would otherwise fail only after training: every output location can be written and
 * the evaluation's ids resolve. Throws `UsageError` or `InputError` (exit 2).
 */
async function checkBeforeTraining(settings: TrainSettings): Promise<void> {
  const evaluation = settings.evaluation;
  const targets: OutputTarget[] = [
    { option: '--output', path: settings.outputDir, kind: 'folder' },
  ];
  const files: [string, string | null][] = [
    ['--training-report', settings.trainingReportPath],
    ['--report', evaluation.reportPath],
    ['--summary', evaluation.summaryPath],
  ];
  for (const [option, path] of files) {
    if (path) {
      targets.push({ option, path, kind: 'file' });
    }
  }
  await prepareOutputs(targets);

  await resolveDataset(evaluation.data, {
    limit: evaluation.limit,
    skipMissing: evaluation.skipMissing,
  });
}

async function trainSession(
  session: TrainingSession,
  logger: Logger,
  hooks: TrainHooks,
): Promise<TrainingOutcome> {
  const checks = preflightChecks(session);
  logChecks(checks, logger);
  const stopped = { session, probe: null, loop: null, checkpoint: null, passed: false };
  if (trainingVerdict(checks) === 'fail' || session.data === null) {
    logger.warn('training stopped before the first step: a training.contract check failed.');
    return { ...stopped, checks };
  }

  const { model } = session.loaded;
  const graph = prepareTrainingGraph(
    model,
    session.settings.parameters.finalSoftmax === 'strip' ? session.softmax : { kind: 'none' },
    session.dilated.rewritable,
  );
  let probe: OverfitProbeResult | null;
  let loop: LoopResult | null = null;
  try {
    probe = await runProbeIfRequested(session, graph, logger, hooks);
    if (probe === null || probe.check.status !== 'fail') {
      loop = await trainSteps(session, graph, logger, hooks);
    }
  } finally {
    graph.release();
  }

  const runChecks = [...checks, ...(probe ? [probe.check] : []), ...(loop?.checks ?? [])];
  logChecks(runChecks.slice(checks.length), logger);
  if (trainingVerdict(runChecks) === 'fail' || loop === null) {
    return { ...stopped, checks: runChecks, probe, loop };
  }
  return saveAndCheck(session, runChecks, probe, loop, logger);
}

async function runProbeIfRequested(
  session: TrainingSession,
  graph: ReturnType<typeof prepareTrainingGraph>,
  logger: Logger,
  hooks: TrainHooks,
): Promise<OverfitProbeResult | null> {
  const { parameters } = session.settings;
  const examples = session.data?.examples ?? [];
  if (parameters.overfitProbe === null || examples.length === 0) {
    return null;
  }

  const picked = Array.from(
    { length: parameters.batchSize },
    (_, index) => examples[index % examples.length],
  );
  const batch = buildBatch(picked as typeof examples, batchShape(session));
  const optimizer = createOptimizer(parameters.optimizer, parameters.learningRate);
  try {
    return await runOverfitProbe({
      steps: parameters.overfitProbe,
      batch,
      step: createStepFunction(graph.forward, lossOf(session, hooks), optimizer, graph.variables),
      model: session.loaded.model,
      logger,
    });
  } finally {
    batch.dispose();
    optimizer.dispose();
  }
}

async function trainSteps(
  session: TrainingSession,
  graph: ReturnType<typeof prepareTrainingGraph>,
  logger: Logger,
  hooks: TrainHooks,
): Promise<LoopResult> {
  const { parameters, evaluation } = session.settings;
  const source = createBatchSource(
    session.data?.examples ?? [],
    { ...batchShape(session), batchSize: parameters.batchSize },
    parameters.seed,
  );
  const optimizer = createOptimizer(parameters.optimizer, parameters.learningRate);
  logger.info(
    `training ${parameters.steps} steps of batch ${parameters.batchSize} with ` +
      `${parameters.optimizer} (learning rate ${parameters.learningRate}) and ${session.loss.name} ` +
      `on ${session.backend.name}`,
  );
  try {
    return await runTrainingLoop({
      steps: parameters.steps,
      nextBatch: () => source.next(),
      step: createStepFunction(graph.forward, lossOf(session, hooks), optimizer, graph.variables),
      variables: graph.variables,
      numClasses: evaluation.numClasses,
      firstLossFactor: parameters.firstLossFactor,
      learningRate: parameters.learningRate,
      logger,
    });
  } finally {
    optimizer.dispose();
  }
}

async function saveAndCheck(
  session: TrainingSession,
  checks: readonly CheckRecord[],
  probe: OverfitProbeResult | null,
  loop: LoopResult,
  logger: Logger,
): Promise<TrainingOutcome> {
  const { settings, geometry, loaded } = session;
  const checkpoint = await saveCheckpoint(loaded.model, settings.outputDir);
  logger.info(`saved the trained checkpoint to ${checkpoint}`);

  const inputShape = [1, geometry.inputSize.height, geometry.inputSize.width, 3];
  const reload = await checkReload(loaded.model, checkpoint, inputShape, settings.parameters.seed);
  logChecks([reload], logger);
  const all = [...checks, reload];
  return { session, checks: all, probe, loop, checkpoint, passed: trainingVerdict(all) === 'pass' };
}

function lossOf(session: TrainingSession, hooks: TrainHooks) {
  const { parameters, evaluation } = session.settings;
  return buildLoss({
    name: session.loss.name,
    ignoreIndex: evaluation.ignoreIndex,
    classWeights: parameters.classWeights,
    reduction: hooks.lossReduction,
  });
}

function batchShape(session: TrainingSession) {
  const [, height, width] = session.geometry.outputShape;
  return {
    inputSize: session.geometry.inputSize,
    outputSize: { width: width ?? 0, height: height ?? 0 },
    encoding: session.settings.parameters.labelEncoding,
    numClasses: session.settings.evaluation.numClasses,
  };
}

function logChecks(checks: readonly CheckRecord[], logger: Logger): void {
  for (const check of checks) {
    // The status leads each line, so a failure needs no `warning:` prefix to stand out.
    logger.info(`${check.status.toUpperCase()} ${check.id}: ${check.message}`);
  }
}
