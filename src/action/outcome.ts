import { ExitCode } from '../errors.js';
import type { EngineExit } from './engine/run.js';
import type { ReportFile } from './report-file.js';

/** The meaning of one engine run for the step. */
export type RunOutcome =
  | { readonly kind: 'pass' }
  | { readonly kind: 'fail' }
  | {
      readonly kind: 'error';
      /** `usage` and `input` (exit 2), `internal` (exit 3), `crash` (a signal or another code). */
      readonly cause: 'usage' | 'input' | 'internal' | 'crash';
      readonly message: string;
    };

/**
 * Interprets the engine's exit together with its report. Exit 0 is a pass and 1 a failed gate,
 * but only with a valid report to show. Exit 2 and 3 take the message from the report's `error`
 * when it has one. A signal, or an exit code the engine never uses, is a crash: usually a fault
 * in a native library (ONNX Runtime, sharp, TensorFlow.js) or the runner running out of memory.
 */
export function interpretEngineExit(exit: EngineExit, file: ReportFile): RunOutcome {
  const report = file.kind === 'read' ? file.report : null;
  if (exit.signal !== null) {
    return {
      kind: 'error',
      cause: 'crash',
      message:
        `The engine was killed by ${exit.signal} before it finished. A native library fault ` +
        '(ONNX Runtime, sharp) or the runner running out of memory does this; the log above ' +
        'shows the last image it read. Try `device: cpu`, fewer `threads` or a smaller `limit`.',
    };
  }

  switch (exit.code) {
    case ExitCode.pass:
    case ExitCode.gateFailed:
      if (file.kind === 'unusable') {
        return {
          kind: 'error',
          cause: 'internal',
          message: `The engine exited with code ${exit.code}, but its report is unusable: ${file.reason}`,
        };
      }
      return exit.code === ExitCode.pass ? { kind: 'pass' } : { kind: 'fail' };
    case ExitCode.usageOrInput:
      return {
        kind: 'error',
        cause: report?.error?.kind === 'usage' ? 'usage' : 'input',
        message:
          report?.error?.message ??
          withStderr('The engine rejected its options or input (exit code 2)', exit.stderrTail),
      };
    case ExitCode.internal:
      return {
        kind: 'error',
        cause: 'internal',
        message:
          report?.error?.message ??
          withStderr('The engine failed with an internal error (exit code 3)', exit.stderrTail),
      };
    default:
      return {
        kind: 'error',
        cause: 'crash',
        message:
          `The engine exited with code ${exit.code}, which it never uses: it crashed. A native ` +
          'library fault (ONNX Runtime, sharp) or the runner running out of memory does this; ' +
          'the log above shows the last image it read.',
      };
  }
}

/** Maximum number of stderr lines quoted in a message. */
const QUOTED_STDERR_LINES = 3;

/** Appends the last non-empty stderr lines of the engine, or points at the log when it has none. */
function withStderr(headline: string, stderrTail: string): string {
  const lines = stderrTail
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^error: /, ''))
    .filter((line) => line !== '');
  if (lines.length === 0) {
    return `${headline}; the log above has the message.`;
  }
  return `${headline}: ${lines.slice(-QUOTED_STDERR_LINES).join(' ')}`;
}
