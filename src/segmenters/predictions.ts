import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { ContractFinding } from '../checks/types.js';
import { readMask } from '../decode/mask.js';
import type { ClassIdMask, MaskReadResult } from '../decode/types.js';
import { InputError } from '../errors.js';
import type { Segmenter, SegmenterInput, SegmenterOutput } from './types.js';

export interface PredictionSegmenterOptions {
  /** Number of classes C: valid predicted ids are 0..C-1. */
  readonly numClasses: number;
  /**
   * The label value that marks pixels to leave out of scoring. An `ids` finding that lists it
   * explains that the ignore index is not a prediction.
   */
  readonly ignoreIndex: number;
  /** Largest `width * height` accepted from a prediction file's header. */
  readonly maxPixels: number;
}

/** Values listed by name in an `ids` finding's detail; the `values` map contains all of them. */
const MAX_LISTED_VALUES = 8;

/**
 * Opens a folder of prediction files, one class-id PNG per image at `<dir>/<id>.png` (palette
 * indices or 8-bit grey values), as a segmenter.
 *
 * `segment()` returns a null mask with a contract finding when a file is not a class-id PNG
 * (`encoding`), differs from its label's size (`size`), or contains values outside
 * 0..numClasses-1, the ignore index included (`ids`). Throws an InputError when `dir` is not a
 * folder, and `segment()` throws one when a prediction file is missing or unreadable.
 */
export async function openPredictionSegmenter(
  dir: string,
  options: PredictionSegmenterOptions,
): Promise<Segmenter> {
  await requireFolder(dir);

  return {
    info: {
      kind: 'predictions',
      path: dir,
      details: { fileNames: '<id>.png', numClasses: options.numClasses },
      decoding: 'class-id PNG files',
    },
    openFindings: [],
    segment: (input) => segmentFromFile(dir, input, options),
    dispose: async () => {},
  };
}

/**
 * Returns the ids, in input order, that have no prediction file `<dir>/<id>.png`, so the caller
 * can treat them like missing images.
 */
export async function missingPredictionIds(dir: string, ids: readonly string[]): Promise<string[]> {
  const present = await Promise.all(ids.map((id) => isFile(predictionPath(dir, id))));
  return ids.filter((_, index) => !present[index]);
}

/** Path of the prediction file for one image id. */
export function predictionPath(dir: string, id: string): string {
  return join(dir, `${id}.png`);
}

async function segmentFromFile(
  dir: string,
  input: SegmenterInput,
  options: PredictionSegmenterOptions,
): Promise<SegmenterOutput> {
  const started = performance.now();
  const path = predictionPath(dir, input.id);
  if (!(await isFile(path))) {
    throw new InputError(
      `Prediction file not found for ${input.id}: ${path}. Add the file, or pass ` +
        '--skip-missing to evaluate the ids that have predictions.',
    );
  }

  const { result } = await readMask(path, options.maxPixels);
  const findings = checkPrediction(result, input, options);
  const mask = result.kind === 'mask' && findings.length === 0 ? result.mask : null;

  // There is no model call, so reading and decoding the file counts as preprocessing.
  return { mask, findings, inferenceMs: 0, preprocessMs: performance.now() - started };
}

function checkPrediction(
  result: MaskReadResult,
  input: SegmenterInput,
  options: PredictionSegmenterOptions,
): ContractFinding[] {
  if (result.kind === 'not-class-ids') {
    return [finding(input.id, 'encoding', `${result.encoding}, ${result.bitDepth}-bit`)];
  }

  const { mask } = result;
  if (mask.width !== input.labelWidth || mask.height !== input.labelHeight) {
    const detail = `${mask.width}x${mask.height} vs label ${input.labelWidth}x${input.labelHeight}`;
    return [finding(input.id, 'size', detail)];
  }

  const invalid = countInvalidIds(mask, options.numClasses);
  if (invalid.size > 0) {
    const detail = describeInvalidIds(invalid, options);
    return [{ ...finding(input.id, 'ids', detail), values: invalid }];
  }

  return [];
}

/** Counts pixels per value outside 0..numClasses-1, in ascending value order. */
function countInvalidIds(mask: ClassIdMask, numClasses: number): Map<number, number> {
  const histogram = new Float64Array(256);
  for (const value of mask.data) {
    histogram[value] = (histogram[value] ?? 0) + 1;
  }

  const invalid = new Map<number, number>();
  for (let value = numClasses; value < 256; value++) {
    const count = histogram[value] ?? 0;
    if (count > 0) {
      invalid.set(value, count);
    }
  }
  return invalid;
}

function describeInvalidIds(
  invalid: ReadonlyMap<number, number>,
  options: PredictionSegmenterOptions,
): string {
  const entries = [...invalid.entries()];
  const listed = entries
    .slice(0, MAX_LISTED_VALUES)
    .map(([value]) => String(value))
    .join(', ');
  const more =
    entries.length > MAX_LISTED_VALUES ? ` and ${entries.length - MAX_LISTED_VALUES} more` : '';

  let detail = `${listed}${more}`;
  if (invalid.has(options.ignoreIndex)) {
    detail += `; ${options.ignoreIndex} is the ignore index, not a prediction`;
  }
  return detail;
}

function finding(subject: string, kind: ContractFinding['kind'], detail: string): ContractFinding {
  return { source: 'predictions', kind, subject, detail };
}

async function requireFolder(dir: string): Promise<void> {
  const isFolder = await stat(dir).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new InputError(
      `Predictions folder not found: ${dir}. Expected a folder with one class-id PNG per ` +
        'image, named <id>.png.',
    );
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
