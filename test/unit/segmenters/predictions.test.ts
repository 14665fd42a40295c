import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeClassIdPng } from '../../../src/decode/png-write.js';
import { InputError } from '../../../src/errors.js';
import {
  missingPredictionIds,
  openPredictionSegmenter,
} from '../../../src/segmenters/predictions.js';
import type { Segmenter, SegmenterInput } from '../../../src/segmenters/types.js';
import { encodePng, makeTempDir } from '../decode/png-fixtures.js';

const OPTIONS = { numClasses: 21, ignoreIndex: 255, maxPixels: 1_000_000 };

let root = '';
let predictionsDir = '';
let cleanup: () => Promise<void> = async () => {};
let segmenter: Segmenter;

function input(id: string, labelWidth = 4, labelHeight = 2): SegmenterInput {
  return { id, imagePath: `/images/${id}.jpg`, labelWidth, labelHeight };
}

async function writePrediction(id: string, bytes: Uint8Array): Promise<void> {
  await writeFile(join(predictionsDir, `${id}.png`), bytes);
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('predictions'));
  predictionsDir = join(root, 'predictions');
  await mkdir(predictionsDir);

  const valid = Uint8Array.of(0, 0, 15, 15, 20, 1, 0, 0);
  await writePrediction('valid', encodeClassIdPng({ width: 4, height: 2, data: valid }));
  await writePrediction(
    'grey',
    encodePng({ width: 4, height: 2, data: valid, depth: 8, channels: 1 }),
  );
  await writePrediction(
    'rgb',
    encodePng({ width: 4, height: 2, data: new Uint8Array(24), depth: 8, channels: 3 }),
  );
  await writePrediction(
    'rgba',
    encodePng({ width: 4, height: 2, data: new Uint8Array(32), depth: 8, channels: 4 }),
  );
  await writePrediction(
    'grey16',
    encodePng({ width: 4, height: 2, data: new Uint16Array(8), depth: 16, channels: 1 }),
  );
  await writePrediction(
    'small',
    encodeClassIdPng({ width: 3, height: 2, data: new Uint8Array(6) }),
  );
  const outOfRange = Uint8Array.of(0, 21, 21, 255, 7, 30, 21, 0);
  await writePrediction('ids', encodeClassIdPng({ width: 4, height: 2, data: outOfRange }));
  await writePrediction('jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));

  segmenter = await openPredictionSegmenter(predictionsDir, OPTIONS);
});

afterAll(async () => {
  await segmenter.dispose();
  await cleanup();
});

describe('openPredictionSegmenter', () => {
  it('describes the prediction folder', () => {
    expect(segmenter.info.kind).toBe('predictions');
    expect(segmenter.info.path).toBe(predictionsDir);
    expect(segmenter.info.decoding).toBe('class-id PNG files');
    expect(segmenter.openFindings).toEqual([]);
  });

  it('rejects a missing folder', async () => {
    const missing = join(root, 'absent');

    const opening = openPredictionSegmenter(missing, OPTIONS);

    await expect(opening).rejects.toThrow(InputError);
    await expect(opening).rejects.toThrow(`Predictions folder not found: ${missing}.`);
  });

  it('rejects a file in place of the folder', async () => {
    const file = join(predictionsDir, 'valid.png');

    await expect(openPredictionSegmenter(file, OPTIONS)).rejects.toThrow(
      `Predictions folder not found: ${file}.`,
    );
  });
});

describe('prediction segment', () => {
  it('returns the palette ids of a valid file', async () => {
    const output = await segmenter.segment(input('valid'));

    expect(output.findings).toEqual([]);
    expect(output.mask?.width).toBe(4);
    expect(output.mask?.height).toBe(2);
    expect(Array.from(output.mask?.data ?? [])).toEqual([0, 0, 15, 15, 20, 1, 0, 0]);
    expect(output.inferenceMs).toBe(0);
    expect(output.preprocessMs).toBeGreaterThanOrEqual(0);
  });

  it('accepts 8-bit grey ids', async () => {
    const output = await segmenter.segment(input('grey'));

    expect(output.findings).toEqual([]);
    expect(Array.from(output.mask?.data ?? [])).toEqual([0, 0, 15, 15, 20, 1, 0, 0]);
  });

  it.each([
    ['rgb', 'rgb, 8-bit'],
    ['rgba', 'rgba, 8-bit'],
    ['grey16', 'grey, 16-bit'],
  ])('reports the %s encoding', async (id, detail) => {
    const output = await segmenter.segment(input(id));

    expect(output.mask).toBeNull();
    expect(output.findings).toEqual([
      { source: 'predictions', kind: 'encoding', subject: id, detail },
    ]);
  });

  it('reports a size mismatch', async () => {
    const output = await segmenter.segment(input('small', 4, 2));

    expect(output.mask).toBeNull();
    expect(output.findings).toEqual([
      { source: 'predictions', kind: 'size', subject: 'small', detail: '3x2 vs label 4x2' },
    ]);
  });

  it('reports ids outside the classes', async () => {
    const output = await segmenter.segment(input('ids'));

    expect(output.mask).toBeNull();
    expect(output.findings).toHaveLength(1);
    const [finding] = output.findings;
    expect(finding?.source).toBe('predictions');
    expect(finding?.kind).toBe('ids');
    expect(finding?.subject).toBe('ids');
    expect(finding?.detail).toBe('21, 30, 255; 255 is the ignore index, not a prediction');
    expect([...(finding?.values ?? new Map()).entries()]).toEqual([
      [21, 3],
      [30, 1],
      [255, 1],
    ]);
  });

  it('lists at most eight invalid values', async () => {
    const data = Uint8Array.from({ length: 12 }, (_, index) => 21 + index);
    await writePrediction('many', encodeClassIdPng({ width: 4, height: 3, data }));

    const output = await segmenter.segment(input('many', 4, 3));

    expect(output.findings[0]?.detail).toBe('21, 22, 23, 24, 25, 26, 27, 28 and 4 more');
    expect(output.findings[0]?.values?.size).toBe(12);
  });

  it('rejects a JPEG prediction', async () => {
    await expect(segmenter.segment(input('jpeg'))).rejects.toThrow(
      `${join(predictionsDir, 'jpeg.png')} is a JPEG file, not a PNG`,
    );
  });

  it('rejects a missing prediction file', async () => {
    const segmenting = segmenter.segment(input('absent'));

    await expect(segmenting).rejects.toThrow(InputError);
    await expect(segmenting).rejects.toThrow(
      `Prediction file not found for absent: ${join(predictionsDir, 'absent.png')}. Add the ` +
        'file, or pass --skip-missing to evaluate the ids that have predictions.',
    );
  });

  it('rejects a prediction above max-pixels', async () => {
    const small = await openPredictionSegmenter(predictionsDir, { ...OPTIONS, maxPixels: 7 });

    await expect(small.segment(input('valid'))).rejects.toThrow(
      `${join(predictionsDir, 'valid.png')} declares 4x2 = 8 pixels, more than --max-pixels 7;`,
    );
  });
});

describe('missingPredictionIds', () => {
  it('returns ids without a file in input order', async () => {
    const missing = await missingPredictionIds(predictionsDir, ['zeta', 'valid', 'alpha', 'rgb']);

    expect(missing).toEqual(['zeta', 'alpha']);
  });

  it('returns nothing when every file exists', async () => {
    expect(await missingPredictionIds(predictionsDir, ['valid', 'ids'])).toEqual([]);
  });
});
