import { ExitCode } from '../../errors.js';
import type { Report } from '../../report/types.js';
import type { EngineExit } from '../engine/run.js';

/**
 * Returns why the engine rejected the baseline it was given, or null when the run did not stop
 * because of the baseline. The engine then exits with code 2 and an input error that names the
 * baseline file. It does so when the file is no usable report: unreadable, of another report
 * schema version, or from a run that did not finish. It also does so when the baseline cannot be
 * compared with this run because the class list or the dataset fingerprint differs (other images
 * or labels, class count, ignore index or label map). For the comparison errors the reason is
 * the part after the file name.
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
