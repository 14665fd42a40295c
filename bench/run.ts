/**
 * Throughput and memory benchmark of `seg-gate evaluate` on the real VOC sample with the DeepLab v3
 * ONNX model. The 62 sample pairs are linked under new ids into a temporary VOC root, so a run can
 * stream several hundred images without copying data. Targets: resident memory must not grow with
 * the number of images (peak RSS of the longest run within 64 MiB of the shortest), and the rate is
 * printed for the record (this machine: 2 CPU cores, no GPU).
 *
 * Usage: npm run bench [-- --repeats 1,5,10]
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEvaluateCommand } from '../src/cli/program.js';
import { runEvaluate } from '../src/cli/run-evaluate.js';
import { silentLogger } from '../src/pipeline/logger.js';
import { readFile } from 'node:fs/promises';

const SHARED = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'shared');
const VOC = join(SHARED, 'voc', 'VOC2012');
const MODEL = join(SHARED, 'models', 'deeplabv3-mobilenetv2-pascal', 'model.onnx');
const MAX_RSS_GROWTH_BYTES = 64 * 1024 * 1024;

async function linkedRoot(repeats: number): Promise<string> {
  const ids = (await readFile(join(VOC, 'ImageSets/Segmentation/sample.txt'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const root = await mkdtemp(join(tmpdir(), 'seg-gate-bench-'));
  for (const folder of ['JPEGImages', 'SegmentationClass', 'ImageSets/Segmentation']) {
    await mkdir(join(root, folder), { recursive: true });
  }
  const listed: string[] = [];
  for (let copy = 0; copy < repeats; copy++) {
    for (const id of ids) {
      const linked = `r${copy}_${id}`;
      await symlink(
        join(VOC, 'JPEGImages', `${id}.jpg`),
        join(root, 'JPEGImages', `${linked}.jpg`),
      );
      await symlink(
        join(VOC, 'SegmentationClass', `${id}.png`),
        join(root, 'SegmentationClass', `${linked}.png`),
      );
      listed.push(linked);
    }
  }
  await writeFile(join(root, 'ImageSets/Segmentation/bench.txt'), `${listed.join('\n')}\n`);
  return root;
}

async function measure(
  repeats: number,
): Promise<{ images: number; rate: number; peakRss: number }> {
  const root = await linkedRoot(repeats);
  try {
    const settings = await parseEvaluateCommand(
      [
        '--data',
        root,
        '--split',
        'bench',
        '--model',
        MODEL,
        '--normalize',
        'tf',
        '--progress',
        'off',
      ],
      process.cwd(),
    );
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const { report } = await runEvaluate(settings, {
      logger: silentLogger,
      createProgress: () => ({ tick: () => {}, done: () => {} }),
      print: () => {},
      color: false,
    });
    clearInterval(sampler);
    return {
      images: report.dataset?.evaluated ?? 0,
      rate: report.timing.imagesPerSecond ?? 0,
      peakRss,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(VOC) || !existsSync(MODEL)) {
    console.log(`bench skipped: real data not found at ${SHARED}`);
    return;
  }
  const flag = process.argv.indexOf('--repeats');
  const repeats = (flag > 0 ? (process.argv[flag + 1] ?? '') : '1,5,10').split(',').map(Number);

  const results = [];
  for (const count of repeats) {
    const result = await measure(count);
    results.push(result);
    console.log(
      `${result.images} images: ${result.rate.toFixed(1)} images/s, peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MiB`,
    );
  }

  const first = results[0];
  const last = results[results.length - 1];
  if (first && last) {
    const growth = last.peakRss - first.peakRss;
    const verdict = growth <= MAX_RSS_GROWTH_BYTES ? 'met' : 'MISSED';
    console.log(
      `memory target ${verdict}: peak RSS grew ${(growth / 2 ** 20).toFixed(0)} MiB from ${first.images} to ${last.images} images (limit ${MAX_RSS_GROWTH_BYTES / 2 ** 20} MiB)`,
    );
    if (verdict === 'MISSED') {
      process.exitCode = 1;
    }
  }
}

await main();
