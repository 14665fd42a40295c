import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

import { createTrainCommand } from '../../../src/cli/train-command.js';
import type { EvaluateIo } from '../../../src/cli/run-evaluate.js';
import { writeClassIdPng } from '../../../src/decode/png-write.js';
import type { Logger } from '../../../src/pipeline/logger.js';
import { defaultBackendCandidates } from '../../../src/segmenters/tfjs/backend-candidates.js';
import { fileIOHandler } from '../../../src/segmenters/tfjs/file-io.js';
import type { TrainSettings } from '../../../src/train/settings.js';

/** Colours of the tiny dataset's classes: background grey, class 1 red, class 2 blue. */
const CLASS_COLOURS = [
  [120, 120, 120],
  [230, 40, 40],
  [40, 60, 230],
] as const;

/** Creates a fresh temporary folder. */
export function temporaryFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'seg-gate-train-'));
}

/**
 * Writes `count` images of `size` x `size` pixels into `root/images` and their labels into
 * `root/labels`. Each shows a grey background with one red (class 1) and one blue (class 2)
 * square, placed differently in each image, and the red square has a void (255) border.
 */
export async function writeTinyDataset(root: string, count = 4, size = 16): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const labels = new Uint8Array(size * size);
    const third = Math.floor(size / 3);
    fillSquare(labels, size, 1, (index % 3) + 1, 1, third);
    fillSquare(labels, size, 2, size - third - 1 - (index % 2), size - third - 1, third);
    const rgb = new Uint8Array(size * size * 3);
    labels.forEach((id, pixel) => rgb.set(CLASS_COLOURS[id as 0 | 1 | 2], pixel * 3));
    markBorder(labels, size, 1);

    const id = `tiny_${String(index).padStart(3, '0')}`;
    await sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
      .png()
      .toFile(await ensure(join(root, 'images'), `${id}.png`));
    await writeClassIdPng(join(root, 'labels', `${id}.png`), {
      width: size,
      height: size,
      data: labels,
    });
  }
}

/** Builds a tiny network: Conv2D 3x3 (4 filters, ReLU), then Conv2D 1x1 to `classes` logits. */
export function tinyModel(
  options: {
    size?: number;
    classes?: number;
    finalActivation?: 'softmax' | 'linear';
    softmaxLayer?: boolean;
    dilation?: number;
    seed?: number;
  } = {},
): tfl.LayersModel {
  const size = options.size ?? 16;
  const seed = options.seed ?? 3;
  const input = tfl.input({ shape: [size, size, 3], name: 'image' });
  const hidden = tfl.layers.conv2d({
    filters: 4,
    kernelSize: 3,
    padding: 'same',
    activation: 'relu',
    dilationRate: options.dilation ?? 1,
    kernelInitializer: tfl.initializers.glorotUniform({ seed }),
    name: 'hidden',
  });
  const head = tfl.layers.conv2d({
    filters: options.classes ?? 3,
    kernelSize: 1,
    activation: options.softmaxLayer ? 'linear' : (options.finalActivation ?? 'linear'),
    kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }),
    name: 'head',
  });
  let output = head.apply(hidden.apply(input)) as tfl.SymbolicTensor;
  if (options.softmaxLayer) {
    output = tfl.layers
      .softmax({ axis: -1, name: 'probabilities' })
      .apply(output) as tfl.SymbolicTensor;
  }
  return tfl.model({ inputs: input, outputs: output, name: 'tiny' });
}

/**
 * Saves `model` as `folder/model.json`. With `trainingConfig`, the saved JSON also gets a
 * top-level `trainingConfig`, as `model.save` writes for a compiled model.
 */
export async function saveModel(
  model: tfl.LayersModel,
  folder: string,
  trainingConfig?: Record<string, unknown>,
): Promise<string> {
  const jsonPath = join(folder, 'model.json');
  await model.save(fileIOHandler(jsonPath));
  if (trainingConfig) {
    const json = JSON.parse(await readFile(jsonPath, 'utf8')) as Record<string, unknown>;
    await writeFile(jsonPath, JSON.stringify({ ...json, trainingConfig }));
  }
  return jsonPath;
}

/** Parses `seg-gate train` arguments into settings, relative to `cwd`. */
export async function parseTrain(argv: readonly string[], cwd: string): Promise<TrainSettings> {
  let parsed: TrainSettings | null = null;
  const command = createTrainCommand(cwd, async (settings) => {
    parsed = settings;
  });
  command.exitOverride();
  await command.parseAsync([...argv], { from: 'user' });
  if (parsed === null) {
    throw new Error('train command did not produce settings');
  }
  return parsed;
}

/** Returns the arguments of a tiny training run on `root` (made by `writeTinyDataset`). */
export function tinyTrainArgs(
  root: string,
  jsonPath: string,
  extra: readonly string[] = [],
): string[] {
  return [
    '--model',
    jsonPath,
    '--images',
    join(root, 'images'),
    '--labels',
    join(root, 'labels'),
    '--num-classes',
    '3',
    '--normalize',
    'unit',
    '--steps',
    '3',
    '--batch-size',
    '2',
    '--learning-rate',
    '0.05',
    '--output',
    join(root, 'trained'),
    '--progress',
    'off',
    ...extra,
  ];
}

/** Log lines and printed text of a run. */
export interface CapturedIo extends EvaluateIo {
  readonly lines: string[];
}

/** Returns an EvaluateIo that records log lines and the summary and drops progress. */
export function captureIo(): CapturedIo {
  const lines: string[] = [];
  const logger: Logger = {
    info: (message) => lines.push(message),
    warn: (message) => lines.push(`warning: ${message}`),
    debug: () => {},
  };
  return {
    lines,
    logger,
    createProgress: () => ({ tick: () => {}, done: () => {} }),
    print: (text) => lines.push(text),
    color: false,
  };
}

/** Only the cpu candidate, so unit tests do not depend on tfjs-node being absent. */
export function cpuOnly() {
  return defaultBackendCandidates().filter((candidate) => candidate.name === 'cpu');
}

function fillSquare(
  labels: Uint8Array,
  size: number,
  id: number,
  left: number,
  top: number,
  side: number,
): void {
  for (let y = top; y < Math.min(top + side, size); y += 1) {
    for (let x = left; x < Math.min(left + side, size); x += 1) {
      labels[y * size + x] = id;
    }
  }
}

/** Sets the pixels of class `id` that touch another class to the void id 255. */
function markBorder(labels: Uint8Array, size: number, id: number): void {
  const original = labels.slice();
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const here = original[y * size + x];
      const right = x + 1 < size ? original[y * size + x + 1] : here;
      const below = y + 1 < size ? original[(y + 1) * size + x] : here;
      if (here === id && (right !== id || below !== id)) {
        labels[y * size + x] = 255;
      }
    }
  }
}

async function ensure(folder: string, name: string): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(folder, { recursive: true });
  return join(folder, name);
}
