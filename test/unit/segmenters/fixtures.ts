import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';

import type { ModelInputSettings } from '../../../src/config/settings.js';

/** Folder of the tiny ONNX models written by `test/fixtures/onnx/make_models.py`. */
export const ONNX_FIXTURES = fileURLToPath(new URL('../../fixtures/onnx/', import.meta.url));

/** Folder of the PyTorch resize reference and scripts. */
export const BILINEAR_FIXTURES = fileURLToPath(
  new URL('../../fixtures/bilinear/', import.meta.url),
);

export type Rgb = readonly [number, number, number];

export const RED: Rgb = [255, 0, 0];
export const GREEN: Rgb = [0, 255, 0];
export const BLUE: Rgb = [0, 0, 255];
export const BLACK: Rgb = [0, 0, 0];

/** Model input settings for the fixture models: `tf` scaling, RGB, stretch, auto layout. */
export const FIXTURE_INPUT: ModelInputSettings = {
  normalize: 'tf',
  channelOrder: 'rgb',
  inputSize: null,
  resize: 'stretch',
  layout: 'auto',
  upsample: 'logits',
  device: 'cpu',
  threads: 1,
  backend: null,
  threshold: 0.5,
};

/** Creates a temporary folder and returns it with a function that removes it. */
export async function makeTempDir(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), `seg-gate-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a lossless RGB PNG whose pixel (x, y) has the colour `colourAt(x, y)`. */
export async function writeColourPng(
  path: string,
  width: number,
  height: number,
  colourAt: (x: number, y: number) => Rgb,
): Promise<string> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data.set(colourAt(x, y), (y * width + x) * 3);
    }
  }
  await sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
  return path;
}

/** Builds the expected row-major mask of `width * height` pixels from a rule. */
export function expectedMask(
  width: number,
  height: number,
  classAt: (x: number, y: number) => number,
): number[] {
  const mask: number[] = [];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      mask.push(classAt(x, y));
    }
  }
  return mask;
}

/**
 * Finds a Python interpreter that can import torch and numpy (Debian's python3-torch installs
 * them for /usr/bin/python3), or null when there is none.
 */
export function findTorchPython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const result = spawnSync(candidate, ['-c', 'import torch, numpy'], { stdio: 'ignore' });
    if (result.status === 0) {
      return candidate;
    }
  }
  return null;
}
