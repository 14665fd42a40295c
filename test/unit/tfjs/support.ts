import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

import type { ModelInputSettings } from '../../../src/config/settings.js';
import type { Logger } from '../../../src/pipeline/logger.js';

/** Folder of the committed fixture models written by test/fixtures/tfjs/make-fixtures.ts. */
export const TFJS_FIXTURES = fileURLToPath(new URL('../../fixtures/tfjs/', import.meta.url));

/** A logger that keeps every line, prefixed by its level. */
export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    debug: (message) => lines.push(`debug: ${message}`),
  };
}

/** Creates a temporary folder; `remove` deletes it with everything inside. */
export async function temporaryFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'seg-gate-tfjs-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Copies fixture model `name` into `folder/name` and returns the path of its model.json. */
export async function copyFixture(name: string, folder: string): Promise<string> {
  await cp(join(TFJS_FIXTURES, name), join(folder, name), { recursive: true });
  return join(folder, name, 'model.json');
}

/**
 * Writes an RGB PNG of `width` x `height` whose left half has colour `left` and right half
 * colour `right`, and returns its path.
 */
export async function writeTwoColourPng(
  path: string,
  width: number,
  height: number,
  left: readonly [number, number, number],
  right: readonly [number, number, number],
): Promise<string> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const colour = x < width / 2 ? left : right;
      pixels.set(colour, (y * width + x) * 3);
    }
  }
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
  return path;
}

/** Model input settings with `unit` scaling and everything else at its default. */
export function unitInput(overrides: Partial<ModelInputSettings> = {}): ModelInputSettings {
  return {
    normalize: 'unit',
    channelOrder: 'rgb',
    inputSize: null,
    resize: 'stretch',
    layout: 'auto',
    upsample: 'logits',
    device: 'cpu',
    threads: null,
    backend: null,
    threshold: 0.5,
    ...overrides,
  };
}
