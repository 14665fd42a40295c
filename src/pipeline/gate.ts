import { runCollapseChecks } from '../checks/collapse.js';
import { currentRunFromDataset } from '../checks/comparable.js';
import type { ImageAnalysis } from '../checks/image-analysis.js';
import { applyLevels } from '../checks/levels.js';
import { compareBaseline, skippedRegressionChecks } from '../checks/regression.js';
import { runThresholdChecks } from '../checks/thresholds.js';
import type { CheckRecord } from '../checks/types.js';
import type { EvaluateSettings } from '../config/settings.js';
import { computeScores } from '../metrics/scores.js';
import type { OverlayCollector } from '../overlays/index.js';
import type { GateResult } from './assemble.js';
import type { LoadedBaseline } from './baseline.js';
import type { EvaluationOutcome } from './evaluate.js';

/** Gate inputs besides the evaluation outcome. */
export interface GateInputs {
  readonly analysis: ImageAnalysis;
  readonly overlays: OverlayCollector | null;
  readonly baseline: LoadedBaseline | null;
}

/**
 * Runs every check family on an evaluation outcome, in report order: contract, collapse,
 * threshold, regression. The configured levels (`off`, `warn`, `fail`) are applied last.
 */
export async function runGate(
  settings: EvaluateSettings,
  outcome: EvaluationOutcome,
  inputs: GateInputs,
): Promise<GateResult> {
  const scores = computeScores(outcome.matrix);
  const classes = scores.classes.map((entry, id) => ({
    id,
    name: settings.classNames[id] ?? `class ${id}`,
    iou: entry.iou,
    recall: entry.recall,
  }));

  const contract: CheckRecord[] = [...outcome.contractChecks, ...inputs.analysis.finish()];
  if (outcome.batchCheck) {
    contract.push(outcome.batchCheck);
  }
  const collapse = runCollapseChecks(
    { matrix: outcome.matrix, images: outcome.images, classNames: settings.classNames },
    settings.checks.collapse,
  );
  const thresholds = runThresholdChecks({ miou: scores.miou, classes }, settings.checks.thresholds);
  const regression = compareWithBaseline(settings, outcome, inputs.baseline);

  const checks = applyLevels(
    [...contract, ...collapse, ...thresholds, ...regression.checks],
    settings.checks.levels,
  );
  const overlays = inputs.overlays ? await inputs.overlays.finish() : [];
  return { checks, baseline: regression.comparison, overlays, warnings: [] };
}

function compareWithBaseline(
  settings: EvaluateSettings,
  outcome: EvaluationOutcome,
  baseline: LoadedBaseline | null,
): { checks: CheckRecord[]; comparison: GateResult['baseline'] } {
  if (!baseline) {
    return {
      checks: skippedRegressionChecks(
        'No baseline report was given, so there is nothing to compare with (--baseline FILE).',
      ),
      comparison: null,
    };
  }
  const current = currentRunFromDataset(outcome.fingerprint, settings.classNames, outcome.images);
  const result = compareBaseline(
    current,
    baseline.report,
    baseline.source,
    settings.checks.regression,
  );
  return { checks: result.checks, comparison: result.comparison };
}
