import { readFile } from 'node:fs/promises';

import { errorMessage } from '../errors.js';
import type { Report } from '../report/types.js';
import { validateReport } from '../report/validate.js';

/** The engine's JSON report as the action found it. */
export type ReportFile =
  | { readonly kind: 'read'; readonly report: Report }
  | {
      readonly kind: 'unusable';
      /** The reason there is no report: the file is missing, is not JSON, or breaks the report schema. */
      readonly reason: string;
    };

/**
 * Reads the engine's JSON report and validates it against `schemas/report.schema.json`, the
 * schema the engine writes. The action and its engine come from one checkout, so a report that
 * breaks the schema is an engine fault, and the reason names every violation.
 */
export async function readReportFile(path: string): Promise<ReportFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      kind: 'unusable',
      reason: missing
        ? `no report at ${path}`
        : `the report ${path} could not be read: ${errorMessage(error)}`,
    };
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'unusable', reason: `the report ${path} is not JSON: ${errorMessage(error)}` };
  }

  try {
    return { kind: 'read', report: validateReport(value, path) };
  } catch (error) {
    return { kind: 'unusable', reason: errorMessage(error) };
  }
}

/** Returns the report of a read, or null. */
export function reportOf(file: ReportFile): Report | null {
  return file.kind === 'read' ? file.report : null;
}
