import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import type { Report } from './types.js';

/** One schema or consistency violation: a JSON Pointer into the report and what is wrong there. */
export interface ReportViolation {
  /** JSON Pointer of the offending value, `''` for the report itself. */
  readonly path: string;
  readonly message: string;
}

/** A value that is not a valid seg-gate report. `violations` lists every problem found. */
export class ReportValidationError extends Error {
  override readonly name = 'ReportValidationError';

  constructor(
    readonly source: string,
    readonly violations: readonly ReportViolation[],
  ) {
    super(formatViolations(source, violations));
  }
}

/** RFC 3339 date-time with a time zone, as written by `Date.prototype.toISOString`. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

let compiled: ValidateFunction<Report> | null = null;

function reportValidator(): ValidateFunction<Report> {
  if (compiled === null) {
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      allowUnionTypes: true,
      verbose: true,
    });
    ajv.addFormat(
      'date-time',
      (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
    );
    compiled = ajv.compile<Report>(reportSchema);
  }
  return compiled;
}

/**
 * Checks a parsed JSON value against `schemas/report.schema.json` and the rules the schema cannot
 * express (class ids in order, a C x C confusion matrix, C equal to the dataset's class count).
 * Returns the value typed as a report.
 *
 * @param source Names the value in the error message, for example the file it was read from.
 * @throws ReportValidationError listing every violation with its JSON Pointer.
 */
export function validateReport(value: unknown, source = 'report'): Report {
  const validate = reportValidator();
  if (!validate(value)) {
    throw new ReportValidationError(source, relevantErrors(validate.errors ?? []).map(toViolation));
  }

  const violations = consistencyViolations(value);
  if (violations.length > 0) {
    throw new ReportValidationError(source, violations);
  }
  return value;
}

/**
 * Drops errors that only restate others. A nullable section is `oneOf: [section, null]`, so a bad
 * section also fails the null branch and the `oneOf` itself. Those two are kept only when nothing
 * more specific was reported at or below the same path. `if` errors repeat their `then` errors,
 * and the `anyOf` and `contains` errors sum up the errors of their subschemas.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const hasSpecificError = (path: string): boolean =>
    errors.some(
      (other) =>
        !isNullableNoise(other) &&
        (other.instancePath === path || other.instancePath.startsWith(`${path}/`)),
    );

  return errors.filter((error) => {
    if (error.keyword === 'if' || /\/(anyOf|contains)\//.test(error.schemaPath)) {
      return false;
    }
    return !isNullableNoise(error) || !hasSpecificError(error.instancePath);
  });
}

function isNullableNoise(error: ErrorObject): boolean {
  return error.keyword === 'oneOf' || /\/oneOf\/1\/type$/.test(error.schemaPath);
}

function toViolation(error: ErrorObject): ReportViolation {
  return { path: error.instancePath, message: describeAjvError(error) };
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const message = error.message ?? error.keyword;

  if (error.instancePath === '/checks' && error.keyword === 'not') {
    return 'a check has status "fail", so the verdict must be "fail", not "pass"';
  }
  if (error.instancePath === '/checks' && error.keyword === 'contains') {
    return 'no check has status "fail", so the verdict must be "pass", not "fail"';
  }
  if (error.schemaPath.startsWith('#/allOf/0/then/')) {
    return 'must be an object because the verdict is "error"';
  }
  if (error.schemaPath.startsWith('#/allOf/0/else/')) {
    return 'must be null because the verdict is not "error"';
  }
  if (error.keyword === 'anyOf') {
    return `must be a string, number, boolean, null or array of numbers, received ${formatReceived(error.data)}`;
  }
  if (error.keyword === 'additionalProperties') {
    return `unknown property ${JSON.stringify(params['additionalProperty'])}`;
  }
  if (error.keyword === 'enum') {
    const allowed = (params['allowedValues'] as unknown[]).map((item) => JSON.stringify(item));
    return `must be one of ${allowed.join(', ')}, received ${formatReceived(error.data)}`;
  }
  if (error.keyword === 'const') {
    const expected = JSON.stringify(params['allowedValue']);
    return `must be ${expected}, received ${formatReceived(error.data)}`;
  }
  const isContainer = error.data !== null && typeof error.data === 'object';
  if (error.keyword === 'required' || isContainer) {
    return message;
  }
  return `${message}, received ${formatReceived(error.data)}`;
}

function consistencyViolations(report: Report): ReportViolation[] {
  const violations: ReportViolation[] = [];
  const classCount = report.classes.length;

  report.classes.forEach((entry, index) => {
    if (entry.id !== index) {
      violations.push({
        path: `/classes/${index}/id`,
        message: `class id ${entry.id} at index ${index}: classes must be listed in id order from 0`,
      });
    }
  });

  if (report.confusionMatrix.length !== classCount) {
    violations.push({
      path: '/confusionMatrix',
      message: `${report.confusionMatrix.length} rows vs ${classCount} classes: the matrix must have one row per class`,
    });
  }
  report.confusionMatrix.forEach((row, index) => {
    if (row.length !== classCount) {
      violations.push({
        path: `/confusionMatrix/${index}`,
        message: `${row.length} columns vs ${classCount} classes: each row must have one column per class`,
      });
    }
  });

  if (report.dataset !== null && classCount > 0 && report.dataset.numClasses !== classCount) {
    violations.push({
      path: '/classes',
      message: `${classCount} classes vs dataset.numClasses ${report.dataset.numClasses}: there must be one entry per class`,
    });
  }
  return violations;
}

function formatViolations(source: string, violations: readonly ReportViolation[]): string {
  const count = violations.length === 1 ? '1 violation' : `${violations.length} violations`;
  const lines = violations.map(
    (item) => `  ${item.path === '' ? '(root)' : item.path}: ${item.message}`,
  );
  return [`${source} is not a valid seg-gate report (${count}):`, ...lines].join('\n');
}

const RECEIVED_MAX_LENGTH = 80;

/** Formats an offending value as JSON, cut to `RECEIVED_MAX_LENGTH` characters. */
function formatReceived(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > RECEIVED_MAX_LENGTH ? `${text.slice(0, RECEIVED_MAX_LENGTH - 1)}…` : text;
}
