/**
 * The fault suite: realistic faults derived at test time from the VOC sample and the real models,
 * each asserted by verdict and failing check id, plus the healthy cases that must pass. Derived
 * files live in a temporary folder and are removed afterwards.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMask } from '../../src/decode/mask.js';
import { encodeClassIdPng } from '../../src/decode/png-write.js';
import type { ClassIdMask } from '../../src/decode/types.js';
import type { Report } from '../../src/report/types.js';
import { REPO_ROOT, runSegGate, type CliRun } from '../helpers/run-cli.js';
import {
  DEEPLAB_ONNX,
  PAN_DIR,
  SHARED_DIR,
  SHARED_SKIP_REASON,
  VOC_ROOT,
  VOC_SAMPLE_IDS,
  hasShared,
} from '../helpers/shared.js';

const LABELS = join(VOC_ROOT, 'SegmentationClass');
const TWENTY_CHANNELS_ONNX = join(REPO_ROOT, 'test/fixtures/onnx/nhwc_20_channels.onnx');
const PERSON = 15;

interface Run {
  readonly cli: CliRun;
  readonly report: Report;
}

let work: string;
let ids: string[];

async function evaluate(name: string, args: readonly string[]): Promise<Run> {
  const reportPath = join(work, `${name}.json`);
  const cli = await runSegGate(['evaluate', ...args, '--report', reportPath, '--progress', 'off']);
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as Report;
  return { cli, report };
}

function vocArgs(root = VOC_ROOT): string[] {
  return ['--data', root, '--ids', VOC_SAMPLE_IDS];
}

function failedIds(report: Report): string[] {
  return report.checks.filter((check) => check.status === 'fail').map((check) => check.id);
}

function messageOf(report: Report, id: string): string {
  const message = report.checks.find((check) => check.id === id)?.message ?? '';
  return message.replaceAll(work, '<work>').replaceAll(SHARED_DIR, '<shared>');
}

async function readIds(mask: string): Promise<ClassIdMask> {
  const { result } = await readMask(mask, 50_000_000);
  if (result.kind !== 'mask') {
    throw new Error(`${mask} is not a class-id mask`);
  }
  return result.mask;
}

/** Writes a prediction folder whose masks are `transform` of the healthy predictions. */
async function derivePredictions(
  name: string,
  transform: (mask: ClassIdMask, id: string) => ClassIdMask,
): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  for (const id of ids) {
    const healthy = await readIds(join(work, 'healthy', `${id}.png`));
    await writeFile(join(dir, `${id}.png`), encodeClassIdPng(transform(healthy, id)));
  }
  return dir;
}

function mapIds(mask: ClassIdMask, map: (value: number) => number): ClassIdMask {
  return { ...mask, data: Uint8Array.from(mask.data, map) };
}

/**
 * Builds a VOC root whose images link to the real ones and whose labels are `transform` of the
 * real label files (bytes in, PNG bytes out).
 */
async function deriveVocRoot(
  name: string,
  transform: (labelPath: string) => Promise<Buffer | Uint8Array>,
): Promise<string> {
  const root = join(work, name);
  for (const folder of ['JPEGImages', 'SegmentationClass']) {
    await mkdir(join(root, folder), { recursive: true });
  }
  for (const id of ids) {
    await symlink(join(VOC_ROOT, 'JPEGImages', `${id}.jpg`), join(root, 'JPEGImages', `${id}.jpg`));
    await writeFile(
      join(root, 'SegmentationClass', `${id}.png`),
      await transform(join(LABELS, `${id}.png`)),
    );
  }
  return root;
}

/** Resizes class ids like an image: bilinear to half size and back, then stored as grey PNG. */
async function bilinearRoundTrip(labelPath: string): Promise<Buffer> {
  const mask = await readIds(labelPath);
  const raw = { raw: { width: mask.width, height: mask.height, channels: 1 as const } };
  const half = await sharp(Buffer.from(mask.data), raw)
    .resize(Math.round(mask.width / 2), Math.round(mask.height / 2), { kernel: 'linear' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const back = await sharp(half.data, {
    raw: { width: half.info.width, height: half.info.height, channels: 1 },
  })
    .resize(mask.width, mask.height, { kernel: 'linear' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return sharp(back, raw).toColourspace('b-w').png().toBuffer();
}

describe.skipIf(!hasShared)('fault suite on the VOC sample', () => {
  let healthy: Run;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'seg-gate-faults-'));
    ids = (await readFile(VOC_SAMPLE_IDS, 'utf8')).split(/\s+/).filter(Boolean);
    healthy = await evaluate('healthy', [
      ...vocArgs(),
      '--model',
      DEEPLAB_ONNX,
      '--normalize',
      'tf',
      '--save-predictions',
      join(work, 'healthy'),
    ]);
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('passes the healthy DeepLab v3 model with default thresholds', () => {
    expect(healthy.cli.exitCode).toBe(0);
    expect(failedIds(healthy.report)).toEqual([]);
    expect(healthy.report.checks.filter((check) => check.status === 'warn')).toEqual([]);
  });

  it('fails background everywhere although pixel accuracy stays near 0.72', async () => {
    const predictions = await derivePredictions('background', (mask) => mapIds(mask, () => 0));
    const { cli, report } = await evaluate('background', [
      ...vocArgs(),
      '--predictions',
      predictions,
    ]);

    expect(cli.exitCode).toBe(1);
    expect(report.metrics?.pixelAccuracy).toBeCloseTo(0.7162, 3);
    expect(failedIds(report)).toEqual(
      expect.arrayContaining([
        'collapse.dominant-class',
        'collapse.missing-classes',
        'collapse.per-image',
        'collapse.trivial-baseline',
      ]),
    );
    expect(messageOf(report, 'collapse.dominant-class')).toMatchSnapshot();
    expect(messageOf(report, 'collapse.trivial-baseline')).toMatchSnapshot();
  });

  it('fails predictions of background and one object class only', async () => {
    const predictions = await derivePredictions('two-classes', (mask) =>
      mapIds(mask, (value) => (value === PERSON ? PERSON : 0)),
    );
    const { cli, report } = await evaluate('two-classes', [
      ...vocArgs(),
      '--predictions',
      predictions,
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('collapse.missing-classes');
    expect(messageOf(report, 'collapse.missing-classes')).toMatchSnapshot();
  });

  it('fails predicted ids shifted by one class', async () => {
    const predictions = await derivePredictions('shifted', (mask) =>
      mapIds(mask, (value) => (value + 1) % 21),
    );
    const { cli, report } = await evaluate('shifted', [...vocArgs(), '--predictions', predictions]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('collapse.trivial-baseline');
    expect(report.metrics?.miou).toBeLessThan(0.05);
  });

  it('fails labels decoded to RGB', async () => {
    const root = await deriveVocRoot('labels-rgb', (label) =>
      sharp(label).toColourspace('srgb').png({ palette: false }).toBuffer(),
    );
    const { cli, report } = await evaluate('labels-rgb', [
      ...vocArgs(root),
      '--predictions',
      join(work, 'healthy'),
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('contract.labels.encoding');
    expect(messageOf(report, 'contract.labels.encoding')).toMatchSnapshot();
  });

  it('fails labels decoded to grey luminance of the palette colours', async () => {
    const root = await deriveVocRoot('labels-grey', (label) =>
      sharp(label).toColourspace('b-w').png().toBuffer(),
    );
    const { cli, report } = await evaluate('labels-grey', [
      ...vocArgs(root),
      '--predictions',
      join(work, 'healthy'),
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('contract.labels.ids');
    expect(messageOf(report, 'contract.labels.ids')).toMatchSnapshot();
  });

  it('fails labels downscaled and upscaled with bilinear interpolation', async () => {
    const root = await deriveVocRoot('labels-bilinear', bilinearRoundTrip);
    const { cli, report } = await evaluate('labels-bilinear', [
      ...vocArgs(root),
      '--predictions',
      join(work, 'healthy'),
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('contract.labels.interpolated');
    expect(messageOf(report, 'contract.labels.interpolated').slice(0, 120)).toMatchSnapshot();
  });

  it('fails predictions that contain the ignore index', async () => {
    const predictions = await derivePredictions('with-255', (mask) => {
      const data = Uint8Array.from(mask.data);
      data.fill(255, 0, mask.width);
      return { ...mask, data };
    });
    const { cli, report } = await evaluate('with-255', [
      ...vocArgs(),
      '--predictions',
      predictions,
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('contract.predictions.ids');
    expect(messageOf(report, 'contract.predictions.ids')).toContain('255');
  });

  it('fails predictions saved at the model resolution', async () => {
    const predictions = join(work, 'model-size');
    await mkdir(predictions);
    for (const id of ids) {
      const mask = await readIds(join(work, 'healthy', `${id}.png`));
      const resized = await sharp(Buffer.from(mask.data), {
        raw: { width: mask.width, height: mask.height, channels: 1 },
      })
        .resize(257, 257, { kernel: 'nearest' })
        .extractChannel(0)
        .raw()
        .toBuffer();
      const atModelSize = { width: 257, height: 257, data: new Uint8Array(resized) };
      await writeFile(join(predictions, `${id}.png`), encodeClassIdPng(atModelSize));
    }
    const { cli, report } = await evaluate('model-size', [
      ...vocArgs(),
      '--predictions',
      predictions,
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('contract.predictions.size');
    expect(messageOf(report, 'contract.predictions.size')).toContain('257x257');
  });

  it('fails a model with 20 output channels for 21 classes', async () => {
    const { cli, report } = await evaluate('twenty-channels', [
      ...vocArgs(),
      '--limit',
      '3',
      '--model',
      TWENTY_CHANNELS_ONNX,
      '--normalize',
      'unit',
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('contract.model.channels');
    expect(messageOf(report, 'contract.model.channels')).toContain('20 channels');
  });

  it('fails PAN with 3 channels for 4 ids', async () => {
    const { cli, report } = await evaluate('pan', [
      '--images',
      join(PAN_DIR, 'samples/image'),
      '--labels',
      join(PAN_DIR, 'samples/annotation'),
      '--model',
      join(PAN_DIR, 'model.onnx'),
      '--normalize',
      'torch',
      '--num-classes',
      '4',
      '--class-names',
      'background,skin,clothes,hair',
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('contract.model.channels');
    expect(messageOf(report, 'contract.model.channels')).toMatchSnapshot();
  });

  it('fails the right model with raw 0..255 input instead of [-1, 1]', async () => {
    const { cli, report } = await evaluate('wrong-normalize', [
      ...vocArgs(),
      '--model',
      DEEPLAB_ONNX,
      '--normalize',
      'none',
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toEqual(
      expect.arrayContaining(['collapse.dominant-class', 'collapse.trivial-baseline']),
    );
  });

  it('fails a per-class regression against the healthy baseline', async () => {
    const predictions = await derivePredictions('no-person', (mask) =>
      mapIds(mask, (value) => (value === PERSON ? 0 : value)),
    );
    const { cli, report } = await evaluate('no-person', [
      ...vocArgs(),
      '--predictions',
      predictions,
      '--baseline',
      join(work, 'healthy.json'),
    ]);

    expect(cli.exitCode).toBe(1);
    expect(failedIds(report)).toContain('regression.class-iou');
    expect(messageOf(report, 'regression.class-iou')).toContain('person');
    expect(report.baseline?.deltaMiou).toBeLessThan(0);
    expect(messageOf(report, 'regression.class-iou')).toMatchSnapshot();
  });

  it('passes the same predictions compared with themselves', async () => {
    const { cli, report } = await evaluate('self-baseline', [
      ...vocArgs(),
      '--predictions',
      join(work, 'healthy'),
      '--baseline',
      join(work, 'healthy.json'),
    ]);

    expect(cli.exitCode).toBe(0);
    expect(report.baseline?.deltaMiou).toBe(0);
    expect(report.baseline?.interval).toEqual([0, 0]);
    expect(report.checks.find((check) => check.id === 'regression.miou')?.status).toBe('pass');
    expect(report.checks.find((check) => check.id === 'regression.class-iou')?.status).toBe('pass');
  });

  it('refuses a baseline of other images with exit code 2', async () => {
    const { cli, report } = await evaluate('other-images', [
      ...vocArgs(),
      '--limit',
      '10',
      '--predictions',
      join(work, 'healthy'),
      '--baseline',
      join(work, 'healthy.json'),
    ]);

    expect(cli.exitCode).toBe(2);
    expect(report.verdict).toBe('error');
    expect(cli.stderr).toContain('fingerprint');
  });

  it('keeps every derived file out of the repository', async () => {
    const tracked = await readdir(REPO_ROOT);
    expect(tracked).not.toContain('healthy');
  });
});

if (!hasShared) {
  describe('fault suite on the VOC sample', () => {
    it.skip(SHARED_SKIP_REASON, () => {});
  });
}
