import type { CheckRecord } from '../checks/types.js';
import type { EvaluateResult } from '../cli/run-evaluate.js';
import type { LoopResult } from './loop.js';
import type { OverfitProbeResult } from './overfit-probe.js';
import type { TrainingSession } from './prepare.js';
import {
  toolField,
  trainingVerdict,
  type TrainingEvaluation,
  type TrainingReport,
} from './report.js';
import type { TrainSettings } from './settings.js';

/** The result of one training run: its checks, probe, steps and saved checkpoint. */
export interface TrainingOutcome {
  readonly session: TrainingSession;
  readonly checks: readonly CheckRecord[];
  readonly probe: OverfitProbeResult | null;
  readonly loop: LoopResult | null;
  readonly checkpoint: string | null;
  readonly passed: boolean;
}

/**
 * Builds the training report of a run from its outcome and the evaluation of its checkpoint (null
 * when training stopped on a check). `totalMs` is the wall time of the whole command.
 */
export function buildTrainingReport(
  outcome: TrainingOutcome,
  evaluation: EvaluateResult | null,
  startedAt: Date,
  totalMs: number,
): TrainingReport {
  const { session, loop } = outcome;
  const { settings, geometry } = session;
  const steps = loop?.records ?? [];
  const [, height, width] = geometry.outputShape;
  return {
    schemaVersion: 1,
    tool: toolField(),
    verdict: trainingVerdict(outcome.checks),
    initialModel: session.loaded.jsonPath,
    checkpoint: outcome.checkpoint,
    backend: { name: session.backend.name, source: session.backend.source },
    parameters: {
      ...settings.parameters,
      resolvedLoss: session.loss.name,
      labelEncoding: settings.parameters.labelEncoding,
    },
    data: {
      examples: session.data?.examples.length ?? 0,
      inputSize: `${geometry.inputSize.width}x${geometry.inputSize.height}`,
      outputSize: width === undefined || height === undefined ? null : `${width}x${height}`,
    },
    checks: outcome.checks,
    overfitProbe: outcome.probe ? { losses: outcome.probe.losses } : null,
    steps,
    evaluation: evaluation ? evaluationSummary(evaluation, settings) : null,
    timing: {
      startedAt: startedAt.toISOString(),
      totalMs,
      meanStepMs:
        steps.length > 0 ? steps.reduce((sum, step) => sum + step.ms, 0) / steps.length : null,
    },
  };
}

function evaluationSummary(result: EvaluateResult, settings: TrainSettings): TrainingEvaluation {
  return {
    verdict: result.report.verdict,
    exitCode: result.exitCode,
    miou: result.report.metrics?.miou ?? null,
    reportPath: settings.evaluation.reportPath,
  };
}
