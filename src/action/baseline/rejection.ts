import { ExitCode } from '../../errors.js';
import type { Report } from '../../report/types.js';
import type { EngineExit } from '../engine/run.js';

/**
 * Returns why the engine rejected the baseline it was given, or null when the run did not stop
 * because of the baseline. The engine stops with exit code 2 and an input error that names the
 * baseline file when the file is no usable report (unreadable, another report schema version, a
 * run that did not finish) or cannot be compared with this run (another class list, or a
 * different dataset fingerprint: other images or labels, class count, ignore index or label
 * map). For the comparison errors the reason is the part after the file name.
 *
 * NOTE: the engine marks a baseline error only by naming the baseline path in the message, so
 * the path is what this function matches.
 */
export function baselineRejection(
  exit: EngineExit,
  report: Report | null,
  baselinePath: string,
): string | null {
  if (exit.signal !== null || exit.code !== ExitCode.usageOrInput) {
    return null;
  }
  const error = report?.error ?? null;
  if (error === null || error.kind !== 'input' || !error.message.includes(baselinePath)) {
    return null;
  }

  const comparePrefix = `Cannot compare with the baseline ${baselinePath}: `;
  const reason = error.message.startsWith(comparePrefix)
    ? error.message.slice(comparePrefix.length)
    : error.message;
  return reason.replace(/\.$/, '');
}
