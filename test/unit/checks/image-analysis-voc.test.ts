import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageAnalysis } from '../../../src/checks/image-analysis.js';
import type { CheckRecord } from '../../../src/checks/types.js';
import { VOC_CLASS_NAMES, VOC_IGNORE_INDEX } from '../../../src/dataset/classes.js';
import { readMask } from '../../../src/decode/mask.js';
import type { ClassIdMask } from '../../../src/decode/types.js';
import { VOC_ROOT, VOC_SAMPLE_IDS, hasShared } from '../../helpers/shared.js';
import { observation } from './builders.js';

/** The size DeepLab-style pipelines resize inputs to. */
const MODEL_SIZE = 513;

/** Resizes a class-id mask with sharp (libvips) using the given kernel, as a training script might. */
async function resizeLabel(label: ClassIdMask, kernel: 'nearest' | 'linear'): Promise<ClassIdMask> {
  const raw = await sharp(label.data, {
    raw: { width: label.width, height: label.height, channels: 1 },
  })
    .resize(MODEL_SIZE, MODEL_SIZE, { kernel, fit: 'fill' })
    // libvips returns three channels for a one-channel raw input; keep the first.
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: raw.info.width, height: raw.info.height, data: new Uint8Array(raw.data) };
}

/** Runs the analysis over labels as the pipeline hands them over (out-of-range values masked). */
function analyse(entries: readonly { id: string; label: ClassIdMask }[]): CheckRecord[] {
  const analysis = new ImageAnalysis({
    ignoreIndex: VOC_IGNORE_INDEX,
    classNames: VOC_CLASS_NAMES,
    segmenterKind: 'onnx',
  });
  for (const { id, label } of entries) {
    analysis.onImage(observation(id, label, null));
  }
  return analysis.finish();
}

function statusOf(checks: readonly CheckRecord[], id: string): CheckRecord | undefined {
  return checks.find((check) => check.id === id);
}

describe.skipIf(!hasShared)('label checks on the VOC sample', () => {
  let labels: { id: string; label: ClassIdMask }[] = [];

  beforeAll(async () => {
    const ids = (await readFile(VOC_SAMPLE_IDS, 'utf8')).split('\n').filter(Boolean);
    labels = await Promise.all(
      ids.map(async (id) => {
        const path = join(VOC_ROOT, 'SegmentationClass', `${id}.png`);
        const { result } = await readMask(path, 50_000_000);
        if (result.kind !== 'mask') {
          throw new Error(`${path} is not a class-id mask`);
        }
        return { id, label: result.mask };
      }),
    );
  });

  // The VOC labels have a void (255) border around every object, which is the ignore index.
  it('passes the original labels', () => {
    const checks = analyse(labels);
    expect(labels).toHaveLength(62);
    expect(statusOf(checks, 'contract.labels.interpolated')?.status).toBe('pass');
    expect(statusOf(checks, 'contract.labels.ignored-share')?.status).toBe('pass');
  });

  it('passes labels resized with nearest neighbour', async () => {
    const resized = await Promise.all(
      labels.map(async ({ id, label }) => ({ id, label: await resizeLabel(label, 'nearest') })),
    );
    const checks = analyse(resized);
    expect(statusOf(checks, 'contract.labels.interpolated')?.status).toBe('pass');
  });

  // Bilinear resizing turns the 0/255 and class/255 borders into ramps; the in-range steps of
  // those ramps (1..20) are the strips the check looks for. Steps above 20 are masked to the
  // ignore index, as the pipeline does before observers see a label.
  it('fails labels resized with bilinear interpolation', async () => {
    const resized = await Promise.all(
      labels.map(async ({ id, label }) => ({ id, label: await resizeLabel(label, 'linear') })),
    );
    const checks = analyse(resized);
    const interpolated = statusOf(checks, 'contract.labels.interpolated');
    expect(interpolated?.status).toBe('fail');
    expect(interpolated?.message).toContain('15 (person, ');
    expect(interpolated?.message).toContain('resize labels with nearest neighbour.');
  });
});
