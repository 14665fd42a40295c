import { performance } from 'node:perf_hooks';
import type { EvaluateSettings } from '../config/settings.js';
import { ExitCode, InputError, UsageError, errorMessage, exitCodeFor } from '../errors.js';
import type { ErrorReport } from '../report/types.js';
import type { TrainSettings } from '../train/settings.js';
import { runCli } from './program.js';

/**
 * Runs the `seg-gate` executable: parses the command line, runs the command and exits with its code.
 * Log lines, progress and errors go to stderr; the summary goes to stdout.
 */
async function main(): Promise<number> {
  try {
    return await runCli(process.argv.slice(2), {
      cwd: process.cwd(),
      output: {
        writeOut: (text) => process.stdout.write(text),
        writeErr: (text) => process.stderr.write(text),
      },
      handlers: { evaluate: evaluateCommand, train: trainCommand },
    });
  } catch (error) {
    return reportFailure(error);
  }
}

async function evaluateCommand(settings: EvaluateSettings): Promise<number> {
  const startedAt = new Date();
  const start = performance.now();

  // The pipeline and its native modules load only when a command runs, so --help stays fast.
  const { runEvaluate, writeOutputs, OutputWriteError } = await import('./run-evaluate.js');
  const { createProgress } = await import('./progress.js');
  const { createStreamLogger } = await import('../pipeline/logger.js');
  const { assembleErrorReport } = await import('../pipeline/assemble.js');
  const { colorFromEnvironment } = await import('../report/terminal.js');
  const logger = createStreamLogger(process.stderr);

  try {
    const result = await runEvaluate(settings, {
      logger,
      createProgress: (total) =>
        createProgress({
          total,
          mode: settings.progress,
          stream: process.stderr,
          isTTY: process.stderr.isTTY === true,
          ci: isCi(process.env),
        }),
      print: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
      color: colorFromEnvironment(process.stdout.isTTY, process.env),
    });
    return result.exitCode;
  } catch (error) {
    if (error instanceof OutputWriteError) {
      throw error;
    }

    // The report and summary still state why the run could not finish.
    const report = assembleErrorReport(errorReportOf(error), {
      startedAt,
      totalMs: performance.now() - start,
    });
    await writeOutputs(settings, report).catch((writeError: unknown) => {
      process.stderr.write(
        `error: could not write the error report: ${errorMessage(writeError)}\n`,
      );
    });
    throw error;
  }
}

async function trainCommand(settings: TrainSettings): Promise<number> {
  // Training loads TensorFlow.js and the evaluation pipeline only when the command runs.
  const { runTrain } = await import('../train/run-train.js');
  const { createProgress } = await import('./progress.js');
  const { createStreamLogger } = await import('../pipeline/logger.js');
  const { colorFromEnvironment } = await import('../report/terminal.js');
  const evaluation = settings.evaluation;

  const result = await runTrain(settings, {
    logger: createStreamLogger(process.stderr),
    createProgress: (total) =>
      createProgress({
        total,
        mode: evaluation.progress,
        stream: process.stderr,
        isTTY: process.stderr.isTTY === true,
        ci: isCi(process.env),
      }),
    print: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    color: colorFromEnvironment(process.stdout.isTTY, process.env),
  });
  return result.exitCode;
}

function errorReportOf(error: unknown): ErrorReport {
  if (error instanceof UsageError) {
    return { kind: 'usage', message: error.message };
  }
  if (error instanceof InputError) {
    return { kind: 'input', message: error.message };
  }
  return { kind: 'internal', message: errorMessage(error) };
}

function reportFailure(error: unknown): number {
  const code = exitCodeFor(error);
  if (code === ExitCode.internal) {
    const detail = error instanceof Error && error.stack ? error.stack : errorMessage(error);
    process.stderr.write(
      `error: internal error (exit 3), please report it with this output:\n${detail}\n`,
    );
  } else {
    process.stderr.write(`error: ${errorMessage(error)}\n`);
  }
  return code;
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
}

process.exitCode = await main();
