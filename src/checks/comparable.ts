import { InputError } from '../errors.js';
import { REPORT_SCHEMA_VERSION, type ImageReport, type Report } from '../report/types.js';

/** The facts of the current run that a baseline comparison reads. */
export interface CurrentRun {
  readonly schemaVersion: number;
  /** The dataset fingerprint: lower-case hex sha256. */
  readonly fingerprint: string;
  /** Class names in id order. */
  readonly classNames: readonly string[];
  readonly images: readonly ImageReport[];
}

/** Reads the {@link CurrentRun} facts from a complete report. Throws an `InputError` otherwise. */
export function currentRunFromReport(report: Report, source: string): CurrentRun {
  if (report.dataset === null) {
    throw new InputError(
      `The report ${source} is from a run that did not complete (verdict ${report.verdict}), so it has no dataset to compare.`,
    );
  }
  return {
    schemaVersion: report.schemaVersion,
    fingerprint: report.dataset.fingerprint,
    classNames: report.classes.map((entry) => entry.name),
    images: report.images,
  };
}

/** Builds the {@link CurrentRun} facts of a run that has just been evaluated. */
export function currentRunFromDataset(
  fingerprint: string,
  classNames: readonly string[],
  images: readonly ImageReport[],
): CurrentRun {
  return { schemaVersion: REPORT_SCHEMA_VERSION, fingerprint, classNames, images };
}

/**
 * Throws an `InputError` (exit 2) unless the baseline report can be compared with the current
 * run: the same report schema version, the same class list (names in order), the same dataset
 * fingerprint, the same image ids, and per-image counts within the class range. The message
 * names the baseline `source` and both sides of the first difference.
 */
export function assertComparable(current: CurrentRun, baseline: Report, source: string): void {
  const fail = (reason: string): never => {
    throw new InputError(`Cannot compare with the baseline ${source}: ${reason}`);
  };

  if (baseline.schemaVersion !== current.schemaVersion) {
    fail(
      `baseline report schema version ${String(baseline.schemaVersion)} vs current ${current.schemaVersion}: the baseline was written by another seg-gate version. Store a new baseline with this version.`,
    );
  }
  if (baseline.dataset === null) {
    fail(
      `the baseline is from a run that did not complete (verdict ${baseline.verdict}), so it has no dataset fingerprint or scores. Store a baseline from a completed run.`,
    );
  }

  const classDifference = describeClassDifference(
    baseline.classes.map((entry) => entry.name),
    current.classNames,
  );
  if (classDifference) {
    fail(`${classDifference}: the baseline was computed with another class list.`);
  }

  const baselineFingerprint = baseline.dataset?.fingerprint ?? '';
  const idDifference = describeIdDifference(
    baseline.images.map((image) => image.id),
    current.images.map((image) => image.id),
  );
  if (baselineFingerprint !== current.fingerprint) {
    const reason = idDifference
      ? `the runs evaluate other images: ${idDifference}`
      : 'the image ids are the same, so the label files, the class count, the ignore index or the label map differ';
    fail(
      `baseline fingerprint ${abbreviate(baselineFingerprint)} vs current ${abbreviate(current.fingerprint)}: ${reason}. Compare runs on the same data, or store a new baseline from a run on this data.`,
    );
  }
  if (idDifference) {
    fail(
      `${idDifference}, although the fingerprints match: the baseline report was edited or truncated. Store a new baseline.`,
    );
  }

  const tripleProblem = findInvalidTriple(baseline.images, current.classNames.length);
  if (tripleProblem) {
    fail(`${tripleProblem}. The baseline report is damaged; store a new baseline.`);
  }
}

function describeClassDifference(
  baseline: readonly string[],
  current: readonly string[],
): string | null {
  const length = Math.max(baseline.length, current.length);
  for (let index = 0; index < length; index++) {
    if (baseline[index] !== current[index]) {
      return `class lists differ first at id ${index}: baseline ${quoted(baseline[index])} vs current ${quoted(current[index])} (${baseline.length} vs ${current.length} classes)`;
    }
  }
  return null;
}

function describeIdDifference(
  baseline: readonly string[],
  current: readonly string[],
): string | null {
  const length = Math.max(baseline.length, current.length);
  for (let index = 0; index < length; index++) {
    if (baseline[index] !== current[index]) {
      return `image ids differ first at position ${index + 1}: baseline ${quoted(baseline[index])} vs current ${quoted(current[index])} (${baseline.length} vs ${current.length} images)`;
    }
  }
  return null;
}

function findInvalidTriple(images: readonly ImageReport[], numClasses: number): string | null {
  for (const image of images) {
    for (const [trueClass, predictedClass, pixels] of image.counts) {
      const validIds = [trueClass, predictedClass].every(
        (id) => Number.isInteger(id) && id >= 0 && id < numClasses,
      );
      if (!validIds || !(Number.isFinite(pixels) && pixels >= 0)) {
        return `image ${image.id} of the baseline has the count [${trueClass}, ${predictedClass}, ${pixels}], expected class ids in 0..${numClasses - 1} and a pixel count of 0 or more`;
      }
    }
  }
  return null;
}

function quoted(value: string | undefined): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

/** `sha256:9f2c4e81d0b7…`: the algorithm and the first 12 hex digits. */
function abbreviate(fingerprint: string): string {
  const [algorithm, digest] = fingerprint.includes(':')
    ? fingerprint.split(':', 2)
    : ['', fingerprint];
  const prefix = algorithm ? `${algorithm}:` : '';
  const hex = digest ?? '';
  return hex.length > 12 ? `${prefix}${hex.slice(0, 12)}…` : `${prefix}${hex}`;
}
