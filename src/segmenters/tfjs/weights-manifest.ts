import type { io } from '@tensorflow/tfjs-core';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, win32 } from 'node:path';

import { InputError } from '../../errors.js';

/** Bytes per stored value, by the dtype that is written to the weight file. */
const STORED_VALUE_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  float16: 2,
  uint16: 2,
  uint8: 1,
};

/** One weight file of a manifest group, resolved against the model JSON's folder. */
export interface WeightFile {
  /** The path as written in `weightsManifest[].paths`. */
  readonly listed: string;
  readonly path: string;
  readonly bytes: number;
}

/** One `weightsManifest` group: its shard files in order and the byte count its weights need. */
export interface WeightGroup {
  readonly files: readonly WeightFile[];
  /** Sum of `weightByteLength` over the group's weights; null when a string weight makes it vary. */
  readonly expectedBytes: number | null;
}

/**
 * Bytes one manifest entry takes in the weight files: the product of its shape times the size of
 * the stored dtype, which is `quantization.dtype` for quantized weights (float16, uint8, uint16)
 * and `dtype` otherwise. Returns null for `string` weights, whose length is stored per value.
 *
 * Example: `{shape: [3, 3, 8, 16], dtype: 'float32', quantization: {dtype: 'float16'}}` takes
 * 3 * 3 * 8 * 16 * 2 = 2304 bytes.
 */
export function weightByteLength(entry: io.WeightsManifestEntry): number | null {
  const stored = entry.quantization?.dtype ?? entry.dtype;
  const valueBytes = STORED_VALUE_BYTES[stored];
  if (valueBytes === undefined) {
    return null;
  }
  return entry.shape.reduce((product, size) => product * size, 1) * valueBytes;
}

/**
 * Resolves every weight file listed in a manifest against the folder of `jsonPath` and checks it.
 * The path must stay inside that folder (no absolute path, no `..` segment) and the file must
 * exist. The files of each group must together contain exactly the bytes its weights need.
 *
 * @throws InputError naming the model JSON, the listed path and, for a size mismatch, the bytes
 *   the manifest needs against the bytes each file contains.
 */
export async function resolveWeightGroups(
  jsonPath: string,
  manifest: io.WeightsManifestConfig,
): Promise<WeightGroup[]> {
  const folder = dirname(resolve(jsonPath));
  const groups: WeightGroup[] = [];

  for (const [index, group] of manifest.entries()) {
    const files: WeightFile[] = [];
    for (const listed of group.paths) {
      const path = resolveInside(folder, listed, jsonPath);
      files.push({ listed, path, bytes: await fileSize(path, listed, jsonPath) });
    }

    const expectedBytes = sumWeightBytes(group.weights);
    checkGroupSize(jsonPath, index, files, expectedBytes);
    groups.push({ files, expectedBytes });
  }
  return groups;
}

function resolveInside(folder: string, listed: string, jsonPath: string): string {
  if (isAbsolute(listed) || win32.isAbsolute(listed)) {
    throw new InputError(
      `Weight path "${listed}" in ${jsonPath} is absolute: weight paths must be relative to the ` +
        'folder of the model JSON. Rewrite weightsManifest[].paths as file names in that folder.',
    );
  }

  const path = resolve(folder, listed);
  const inside = relative(folder, path);
  const climbs = listed.split(/[\\/]/).includes('..');
  if (climbs || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new InputError(
      `Weight path "${listed}" in ${jsonPath} leaves the model folder ${folder}: weight paths ` +
        'must name files in the folder of the model JSON or below it, without "..". Move the ' +
        'files there and fix weightsManifest[].paths.',
    );
  }
  return path;
}

async function fileSize(path: string, listed: string, jsonPath: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new InputError(
        `Weight file ${path} (listed as "${listed}" in ${jsonPath}) is not a file.`,
      );
    }
    return info.size;
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new InputError(
      `Weight file ${path}, listed as "${listed}" in weightsManifest of ${jsonPath}, was not ` +
        'found. Copy every weight file next to the model JSON.',
    );
  }
}

function sumWeightBytes(weights: readonly io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const entry of weights) {
    const bytes = weightByteLength(entry);
    if (bytes === null) {
      return null;
    }
    total += bytes;
  }
  return total;
}

function checkGroupSize(
  jsonPath: string,
  index: number,
  files: readonly WeightFile[],
  expectedBytes: number | null,
): void {
  // NOTE: a group with string weights is not size-checked, because each string value stores its
  // own length; TensorFlow.js reports a short file when it decodes the weights.
  if (expectedBytes === null) {
    return;
  }

  const actualBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  if (actualBytes === expectedBytes) {
    return;
  }

  const perFile = files.map((file) => `${file.listed} ${file.bytes} bytes`).join(', ');
  throw new InputError(
    `Weight files of group ${index + 1} in ${jsonPath} hold ${actualBytes} bytes ` +
      `(${perFile}) but the manifest's weights need ${expectedBytes} bytes ` +
      `(${describeDifference(actualBytes - expectedBytes)}). The weight files do not belong to ` +
      'this model JSON or were truncated; re-export or re-download the model.',
  );
}

function describeDifference(difference: number): string {
  return difference > 0 ? `${difference} bytes too many` : `${-difference} bytes missing`;
}
