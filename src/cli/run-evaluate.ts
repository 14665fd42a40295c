import { performance } from 'node:perf_hooks';
import { extname } from 'node:path';
import { ImageAnalysis } from '../checks/image-analysis.js';
import { createOverlayCollector, type OverlayCollector } from '../overlays/index.js';
import { assertComparable, currentRunFromDataset } from '../checks/comparable.js';
import type { ResolvedDataset } from '../dataset/types.js';
import { loadBaseline, type LoadedBaseline } from '../pipeline/baseline.js';
import { fingerprintSamples } from '../pipeline/fingerprint.js';
import { runGate } from '../pipeline/gate.js';
import type { ImageObserver } from '../pipeline/observer.js';
import type { EvaluateSettings } from '../config/settings.js';
import { ExitCode, UsageError, type ExitCodeValue } from '../errors.js';
import { unusedSettingWarnings } from '../config/unused-settings.js';
import { prepareOutputs, type OutputTarget } from '../io/prepare-outputs.js';
import { assembleReport } from '../pipeline/assemble.js';
import { evaluate, type ProgressSink } from '../pipeline/evaluate.js';
import type { Logger } from '../pipeline/logger.js';
import { renderMarkdownSummary } from '../report/markdown.js';
import { renderTerminalSummary } from '../report/terminal.js';
import type { Report } from '../report/types.js';
import { writeReportAtomic, writeTextAtomic } from '../report/write.js';

/** Side effects of the evaluate command, passed in so tests can capture them. */
export interface EvaluateIo {
  readonly logger: Logger;
  readonly createProgress: (total: number) => ProgressSink;
  /** Writes the terminal summary (stdout in the CLI). */
  readonly print: (text: string) => void;
  readonly color: boolean;
}

/** Outcome of the evaluate command: the report and the process exit code it maps to. */
export interface EvaluateResult {
  readonly report: Report;
  readonly exitCode: ExitCodeValue;
}

/**
 * Runs `seg-gate evaluate` with resolved settings: evaluation, checks, report files and the
 * terminal summary. Throws `UsageError`/`InputError` when the run cannot start or an input cannot
 * be read; the caller turns them into exit code 2 and an error report.
 */
export async function runEvaluate(
  settings: EvaluateSettings,
  io: EvaluateIo,
): Promise<EvaluateResult> {
  const startedAt = new Date();
  const start = performance.now();

  await prepareOutputs(outputTargets(settings));
  const unused = unusedSettingWarnings(settings);
  for (const warning of unused) {
    io.logger.warn(warning);
  }

  // A baseline that cannot be compared stops the run before any image is evaluated.
  const baseline = settings.baselinePath ? await loadBaseline(settings.baselinePath) : null;
  const analysis = new ImageAnalysis(
    {
      ignoreIndex: settings.ignoreIndex,
      classNames: settings.classNames,
      segmenterKind: segmenterKindOf(settings),
    },
    settings.checks.imageAnalysis,
  );
  const overlays = createOverlays(settings);
  const observers: ImageObserver[] = [analysis];
  if (overlays) {
    observers.push(overlayObserver(overlays));
  }

  const outcome = await evaluate(settings, {
    logger: io.logger,
    createProgress: io.createProgress,
    observers,
    onDataset: baseline
      ? (dataset) => assertBaselineMatches(settings, dataset, baseline)
      : undefined,
  });
  const gate = await runGate(settings, outcome, { analysis, overlays, baseline });

  const report = assembleReport(
    settings,
    outcome,
    { ...gate, warnings: [...unused, ...gate.warnings] },
    {
      startedAt,
      totalMs: performance.now() - start,
    },
  );
  await writeOutputs(settings, report);
  io.print(renderTerminalSummary(report, { color: io.color }));

  return { report, exitCode: report.verdict === 'pass' ? ExitCode.pass : ExitCode.gateFailed };
}

/**
 * Compares the baseline with the dataset about to be evaluated (schema version, class list,
 * fingerprint, ids), so a baseline of other data stops the run with exit 2 before inference.
 */
async function assertBaselineMatches(
  settings: EvaluateSettings,
  dataset: ResolvedDataset,
  baseline: LoadedBaseline,
): Promise<void> {
  const fingerprint = await fingerprintSamples(dataset.samples, {
    numClasses: settings.numClasses,
    ignoreIndex: settings.ignoreIndex,
    labelMap: settings.labelMap?.text ?? null,
  });
  const images = dataset.samples.map((sample) => ({
    id: sample.id,
    width: 0,
    height: 0,
    ignoredPixels: 0,
    scored: false,
    counts: [],
  }));
  assertComparable(
    currentRunFromDataset(fingerprint, settings.classNames, images),
    baseline.report,
    baseline.source,
  );
}

/** The segmenter kind the settings will open, known before the model is loaded. */
function segmenterKindOf(settings: EvaluateSettings): 'onnx' | 'tfjs' | 'predictions' {
  if (settings.predictions) {
    return 'predictions';
  }
  return extname(settings.model ?? '').toLowerCase() === '.onnx' ? 'onnx' : 'tfjs';
}

function createOverlays(settings: EvaluateSettings): OverlayCollector | null {
  if (settings.overlays === 0 || !settings.overlaysDir) {
    return null;
  }
  return createOverlayCollector({
    k: settings.overlays,
    dir: settings.overlaysDir,
    numClasses: settings.numClasses,
    ignoreIndex: settings.ignoreIndex,
  });
}

/** Feeds every scored image to the overlay collector. */
function overlayObserver(collector: OverlayCollector): ImageObserver {
  return {
    onImage: async ({ sample, label, prediction, counts }) => {
      if (label && prediction && counts) {
        await collector.onImage(sample, label, prediction, counts.matrix.toSparse());
      }
    },
  };
}

/**
 * Writes the JSON report and the Markdown summary where the settings ask for them. Throws
 * `OutputWriteError` when a file cannot be written.
 */
export async function writeOutputs(
  settings: Pick<EvaluateSettings, 'reportPath' | 'summaryPath'>,
  report: Report,
): Promise<void> {
  try {
    if (settings.reportPath) {
      await writeReportAtomic(settings.reportPath, report);
    }
    if (settings.summaryPath) {
      await writeTextAtomic(settings.summaryPath, renderMarkdownSummary(report));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      throw new OutputWriteError(error.message, { cause: error });
    }
    throw error;
  }
}

/**
 * A report or summary that could not be written after the run finished (exit 2). The files that
 * were written are kept, so no error report replaces them.
 */
export class OutputWriteError extends UsageError {}

/** Lists every file and folder the run writes, so they can be checked before it starts. */
function outputTargets(settings: EvaluateSettings): OutputTarget[] {
  const targets: OutputTarget[] = [];
  if (settings.reportPath) {
    targets.push({ option: '--report', path: settings.reportPath, kind: 'file' });
  }
  if (settings.summaryPath) {
    targets.push({ option: '--summary', path: settings.summaryPath, kind: 'file' });
  }
  if (settings.savePredictionsDir) {
    targets.push({
      option: '--save-predictions',
      path: settings.savePredictionsDir,
      kind: 'folder',
    });
  }
  if (settings.overlays > 0 && settings.overlaysDir) {
    targets.push({ option: '--overlays-dir', path: settings.overlaysDir, kind: 'folder' });
  }
  return targets;
}
