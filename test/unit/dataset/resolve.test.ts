import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DataSettings } from '../../../src/config/settings.js';
import { resolveDataset } from '../../../src/dataset/resolve.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { SHARED_SKIP_REASON, VOC_ROOT, VOC_SAMPLE_IDS, hasShared } from '../../helpers/shared.js';

const ALL = { limit: null, skipMissing: false } as const;

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seg-gate-dataset-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function touch(...parts: string[]): Promise<string> {
  const path = join(dir, ...parts);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, '');
  return path;
}

/** Creates a VOC layout under `dir/voc` whose splits list `splits[name]` ids. */
async function makeVoc(
  splits: Record<string, string>,
  files: { images: readonly string[]; labels: readonly string[] },
): Promise<string> {
  const root = join(dir, 'voc');
  await mkdir(join(root, 'JPEGImages'), { recursive: true });
  await mkdir(join(root, 'SegmentationClass'), { recursive: true });
  await mkdir(join(root, 'ImageSets', 'Segmentation'), { recursive: true });
  for (const [name, text] of Object.entries(splits)) {
    await writeFile(join(root, 'ImageSets', 'Segmentation', `${name}.txt`), text);
  }
  for (const id of files.images) {
    await touch('voc', 'JPEGImages', `${id}.jpg`);
  }
  for (const id of files.labels) {
    await touch('voc', 'SegmentationClass', `${id}.png`);
  }
  return root;
}

function voc(root: string, split: string | null, idsFile: string | null = null): DataSettings {
  return { kind: 'voc', root, split, idsFile };
}

function range(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `id${String(index).padStart(2, '0')}`);
}

describe('resolveDataset VOC layout', () => {
  it('reads the val split by default', async () => {
    const root = await makeVoc(
      { val: 'b\na\n', train: 'c\n' },
      { images: ['a', 'b', 'c'], labels: ['a', 'b', 'c'] },
    );

    const dataset = await resolveDataset(voc(root, null), ALL);

    expect(dataset.source).toEqual({ kind: 'voc', root, split: 'val', idsFile: null });
    expect(dataset.samples).toEqual([
      {
        id: 'b',
        imagePath: join(root, 'JPEGImages', 'b.jpg'),
        labelPath: join(root, 'SegmentationClass', 'b.png'),
      },
      {
        id: 'a',
        imagePath: join(root, 'JPEGImages', 'a.jpg'),
        labelPath: join(root, 'SegmentationClass', 'a.png'),
      },
    ]);
    expect(dataset.listedCount).toBe(2);
    expect(dataset.skippedIds).toEqual([]);
  });

  it('reads a named split', async () => {
    const root = await makeVoc(
      { val: 'b\na\n', train: 'c\n' },
      { images: ['a', 'b', 'c'], labels: ['a', 'b', 'c'] },
    );

    const dataset = await resolveDataset(voc(root, 'train'), ALL);

    expect(dataset.samples.map((sample) => sample.id)).toEqual(['c']);
    expect(dataset.source).toEqual({ kind: 'voc', root, split: 'train', idsFile: null });
  });

  it('reads an ids file instead of a split', async () => {
    const root = await makeVoc({}, { images: ['a', 'b', 'c'], labels: ['a', 'b', 'c'] });
    const idsFile = join(dir, 'mine.txt');
    await writeFile(idsFile, '# picked\nc 1\na -1\n');

    const dataset = await resolveDataset(voc(root, null, idsFile), ALL);

    expect(dataset.samples.map((sample) => sample.id)).toEqual(['c', 'a']);
    expect(dataset.source).toEqual({ kind: 'voc', root, split: null, idsFile });
  });

  it('applies the limit before the missing check', async () => {
    const root = await makeVoc({ val: 'a\nb\nc\n' }, { images: ['a', 'b'], labels: ['a', 'b'] });

    const dataset = await resolveDataset(voc(root, null), { limit: 2, skipMissing: false });

    expect(dataset.samples.map((sample) => sample.id)).toEqual(['a', 'b']);
    expect(dataset.listedCount).toBe(2);
  });

  it('rejects a limit below 1', async () => {
    const root = await makeVoc({ val: 'a\n' }, { images: ['a'], labels: ['a'] });

    const resolving = resolveDataset(voc(root, null), { limit: 0, skipMissing: false });

    await expect(resolving).rejects.toThrow(UsageError);
    await expect(resolving).rejects.toThrow(
      'Invalid value for --limit: expected a whole number of at least 1, received 0.',
    );
  });

  it('reports a missing root', async () => {
    const root = join(dir, 'nowhere');

    await expect(resolveDataset(voc(root, null), ALL)).rejects.toThrow(
      `VOC root not found: ${root}. Expected a folder with JPEGImages/, SegmentationClass/ and ` +
        `${join('ImageSets', 'Segmentation')}/, such as VOCdevkit/VOC2012.`,
    );
  });

  it('reports missing layout folders', async () => {
    const root = join(dir, 'partial');
    await mkdir(join(root, 'JPEGImages'), { recursive: true });

    await expect(resolveDataset(voc(root, null), ALL)).rejects.toThrow(
      `The VOC root ${root} has no SegmentationClass/ folder.`,
    );
  });

  it('lists the existing splits for a missing split', async () => {
    const root = await makeVoc({ train: 'a\n', sample: 'a\n' }, { images: ['a'], labels: ['a'] });
    const splitsDir = join(root, 'ImageSets', 'Segmentation');

    await expect(resolveDataset(voc(root, 'test'), ALL)).rejects.toThrow(
      `Split file not found: ${join(splitsDir, 'test.txt')}. Splits in ${splitsDir}: sample, train.`,
    );
  });

  it('reports a missing splits folder', async () => {
    const root = join(dir, 'nosplits');
    await mkdir(join(root, 'JPEGImages'), { recursive: true });
    await mkdir(join(root, 'SegmentationClass'), { recursive: true });
    const splitsDir = join(root, 'ImageSets', 'Segmentation');

    await expect(resolveDataset(voc(root, null), ALL)).rejects.toThrow(
      `Split file not found: ${join(splitsDir, 'val.txt')}. The folder ${splitsDir} does not ` +
        'exist; give an ids file instead of a split.',
    );
  });

  it('reports a missing ids file', async () => {
    const root = await makeVoc({}, { images: [], labels: [] });
    const idsFile = join(dir, 'absent.txt');

    await expect(resolveDataset(voc(root, null, idsFile), ALL)).rejects.toThrow(
      `The ids file ${idsFile} is not found; expected a text file with one id per line.`,
    );
  });

  it('rejects duplicate ids in a split', async () => {
    const root = await makeVoc({ val: 'a\nb\na\n' }, { images: ['a', 'b'], labels: ['a', 'b'] });

    await expect(resolveDataset(voc(root, null), ALL)).rejects.toThrow(
      'lists 1 id(s) more than once: a (lines 1, 3).',
    );
  });
});

describe('resolveDataset missing files', () => {
  it('names the missing file of each id', async () => {
    const root = await makeVoc({ val: 'a\nb\nc\n' }, { images: ['a', 'c'], labels: ['a', 'b'] });

    const resolving = resolveDataset(voc(root, null), ALL);

    await expect(resolving).rejects.toThrow(InputError);
    await expect(resolving).rejects.toThrow(
      [
        '2 of 3 listed ids have a missing image or label file:',
        `  b: image not found at ${join(root, 'JPEGImages', 'b.jpg')}`,
        `  c: label not found at ${join(root, 'SegmentationClass', 'c.png')}`,
        'Pass --skip-missing to evaluate the ids that are present.',
      ].join('\n'),
    );
  });

  it('names both files when both are missing', async () => {
    const root = await makeVoc({ val: 'a\nb\n' }, { images: ['a'], labels: ['a'] });

    await expect(resolveDataset(voc(root, null), ALL)).rejects.toThrow(
      `  b: image not found at ${join(root, 'JPEGImages', 'b.jpg')}; label not found at ` +
        `${join(root, 'SegmentationClass', 'b.png')}\n`,
    );
  });

  it('lists the first 20 of many missing ids', async () => {
    const ids = range(30);
    const present = ids.slice(25);
    const root = await makeVoc({ val: ids.join('\n') }, { images: present, labels: ids });

    const error = await resolveDataset(voc(root, null), ALL).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InputError);
    const lines = (error as InputError).message.split('\n');
    expect(lines[0]).toBe('25 of 30 listed ids have a missing image or label file:');
    expect(lines.slice(1, 6)).toEqual(
      ids
        .slice(0, 5)
        .map((id) => `  ${id}: image not found at ${join(root, 'JPEGImages', `${id}.jpg`)}`),
    );
    expect(lines[6]).toBe('  ...');
    expect(lines[7]).toBe(`Missing ids (first 20 of 25): ${ids.slice(0, 20).join(', ')}.`);
    expect(lines[8]).toBe('Pass --skip-missing to evaluate the ids that are present.');
    expect(lines).toHaveLength(9);
  });

  it('skips missing ids with one warning', async () => {
    const root = await makeVoc(
      { val: 'a\nb\nc\nd\n' },
      { images: ['a', 'b', 'd'], labels: ['a', 'c', 'd'] },
    );
    const onWarning = vi.fn();

    const dataset = await resolveDataset(voc(root, null), {
      limit: null,
      skipMissing: true,
      onWarning,
    });

    expect(dataset.samples.map((sample) => sample.id)).toEqual(['a', 'd']);
    expect(dataset.skippedIds).toEqual(['b', 'c']);
    expect(dataset.listedCount).toBe(4);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning).toHaveBeenCalledWith(
      'Skipped 2 of 4 ids because their image or label file is missing (--skip-missing). ' +
        'Missing ids: b, c.',
    );
  });

  it('fails when every id is missing, even with skip-missing', async () => {
    const root = await makeVoc({ val: 'a\nb\n' }, { images: [], labels: ['a', 'b'] });

    const resolving = resolveDataset(voc(root, null), { limit: null, skipMissing: true });

    await expect(resolving).rejects.toThrow(InputError);
    await expect(resolving).rejects.toThrow(
      [
        'None of the 2 listed ids has both an image and a label file:',
        `  a: image not found at ${join(root, 'JPEGImages', 'a.jpg')}`,
        `  b: image not found at ${join(root, 'JPEGImages', 'b.jpg')}`,
        'Check the dataset folders and that the ids match the file names.',
      ].join('\n'),
    );
  });
});

describe('resolveDataset plain folders', () => {
  function folders(): DataSettings {
    return { kind: 'folders', imagesDir: join(dir, 'images'), labelsDir: join(dir, 'labels') };
  }

  it('takes ids from label names in byte order', async () => {
    for (const id of ['b', 'a', 'Z', '_x', 'é']) {
      await touch('labels', `${id}.png`);
      await touch('images', `${id}.jpg`);
    }

    const dataset = await resolveDataset(folders(), ALL);

    expect(dataset.samples.map((sample) => sample.id)).toEqual(['Z', '_x', 'a', 'b', 'é']);
    expect(dataset.source).toEqual({
      kind: 'folders',
      imagesDir: join(dir, 'images'),
      labelsDir: join(dir, 'labels'),
    });
  });

  it('finds the image as jpg, jpeg or png', async () => {
    for (const id of ['a', 'b', 'c']) {
      await touch('labels', `${id}.png`);
    }
    await touch('images', 'a.jpg');
    await touch('images', 'a.png');
    await touch('images', 'b.jpeg');
    await touch('images', 'c.png');

    const dataset = await resolveDataset(folders(), ALL);

    expect(dataset.samples.map((sample) => sample.imagePath)).toEqual([
      join(dir, 'images', 'a.jpg'),
      join(dir, 'images', 'b.jpeg'),
      join(dir, 'images', 'c.png'),
    ]);
    expect(dataset.samples.map((sample) => sample.labelPath)).toEqual([
      join(dir, 'labels', 'a.png'),
      join(dir, 'labels', 'b.png'),
      join(dir, 'labels', 'c.png'),
    ]);
  });

  it('warns about non-PNG files in the labels folder', async () => {
    await touch('labels', 'a.png');
    await touch('labels', 'notes.txt');
    await touch('labels', 'b.jpg');
    await mkdir(join(dir, 'labels', 'subfolder.png'));
    await touch('images', 'a.jpg');
    const onWarning = vi.fn();

    const dataset = await resolveDataset(folders(), { ...ALL, onWarning });

    expect(dataset.samples.map((sample) => sample.id)).toEqual(['a']);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning).toHaveBeenCalledWith(
      `Ignored 2 file(s) in ${join(dir, 'labels')} without the .png extension: b.jpg, notes.txt.`,
    );
  });

  it('names every tried image path', async () => {
    await touch('labels', 'a.png');
    await touch('labels', 'b.png');
    await touch('images', 'a.jpg');
    const base = join(dir, 'images', 'b');

    await expect(resolveDataset(folders(), ALL)).rejects.toThrow(
      `  b: image not found at ${base}.jpg, .jpeg or .png\n`,
    );
  });

  it.skipIf(process.platform !== 'linux')('matches extensions case-sensitively', async () => {
    await touch('labels', 'a.png');
    await touch('images', 'a.JPG');

    await expect(resolveDataset(folders(), ALL)).rejects.toThrow(
      'None of the 1 listed ids has both an image and a label file:',
    );
  });

  it('applies the limit to sorted ids', async () => {
    for (const id of ['c', 'a', 'b']) {
      await touch('labels', `${id}.png`);
      await touch('images', `${id}.png`);
    }

    const dataset = await resolveDataset(folders(), { limit: 2, skipMissing: false });

    expect(dataset.samples.map((sample) => sample.id)).toEqual(['a', 'b']);
    expect(dataset.listedCount).toBe(2);
  });

  it('rejects a labels folder without PNG files', async () => {
    await touch('labels', 'readme.txt');
    await mkdir(join(dir, 'images'));

    await expect(resolveDataset(folders(), ALL)).rejects.toThrow(
      `The labels folder ${join(dir, 'labels')} has no .png files; expected one class-id PNG ` +
        'per image, named <id>.png.',
    );
  });

  it('reports a missing images folder', async () => {
    await touch('labels', 'a.png');

    await expect(resolveDataset(folders(), ALL)).rejects.toThrow(
      `Images folder not found: ${join(dir, 'images')}.`,
    );
  });

  it('reports a missing labels folder', async () => {
    await mkdir(join(dir, 'images'));

    await expect(resolveDataset(folders(), ALL)).rejects.toThrow(
      `Labels folder not found: ${join(dir, 'labels')}.`,
    );
  });
});

describe.skipIf(!hasShared)('resolveDataset on the VOC sample', () => {
  it('resolves all 62 sample ids', async () => {
    const dataset = await resolveDataset(voc(VOC_ROOT, null, VOC_SAMPLE_IDS), ALL);

    expect(dataset.samples).toHaveLength(62);
    expect(dataset.samples[0]).toEqual({
      id: '2007_001154',
      imagePath: join(VOC_ROOT, 'JPEGImages', '2007_001154.jpg'),
      labelPath: join(VOC_ROOT, 'SegmentationClass', '2007_001154.png'),
    });
    expect(dataset.skippedIds).toEqual([]);
  });

  it('reports the val ids that the sample lacks', async () => {
    const error = await resolveDataset(voc(VOC_ROOT, 'val'), {
      limit: 100,
      skipMissing: false,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /^\d+ of 100 listed ids have a missing image or label file:/,
    );
    expect((error as InputError).message).toContain('Missing ids (first 20 of ');
  });
});

describe.skipIf(hasShared)('resolveDataset on the VOC sample (skipped)', () => {
  it.skip(SHARED_SKIP_REASON, () => {});
});
