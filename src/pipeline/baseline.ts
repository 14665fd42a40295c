import { readFile } from 'node:fs/promises';
import { InputError, errorMessage } from '../errors.js';
import { ReportValidationError, validateReport } from '../report/validate.js';
import type { Report } from '../report/types.js';

/** A baseline report and where it came from. */
export interface LoadedBaseline {
  readonly report: Report;
  readonly source: string;
}

/**
 * Reads and validates the baseline report given by `--baseline`. Throws `InputError` (exit 2) when
 * the file is missing, is not JSON, does not match the report schema, or comes from a run that did
 * not complete.
 */
export async function loadBaseline(path: string): Promise<LoadedBaseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `Cannot read the baseline report ${path}: ${errorMessage(error)}. Pass the report.json of an earlier run with --baseline.`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`The baseline report ${path} is not valid JSON: ${errorMessage(error)}.`);
  }

  let report: Report;
  try {
    report = validateReport(value, path);
  } catch (error) {
    if (error instanceof ReportValidationError) {
      throw new InputError(
        `The baseline ${path} is not a seg-gate report of this schema version: ${error.message}`,
      );
    }
    throw error;
  }

  if (report.verdict === 'error') {
    throw new InputError(
      `The baseline report ${path} is from a run that could not finish (verdict error), so it has no metrics to compare with.`,
    );
  }
  return { report, source: path };
}
