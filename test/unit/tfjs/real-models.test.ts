import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { applyLabelMap, parseLabelMap } from '../../../src/dataset/label-map.js';
import type { ClassIdMask } from '../../../src/decode/types.js';
import { readMask } from '../../../src/decode/mask.js';
import { openTfjsSegmenter } from '../../../src/segmenters/tfjs/segmenter.js';
import type { TfjsSegmenter } from '../../../src/segmenters/tfjs/segmenter.js';
import type { TfjsBackendName } from '../../../src/segmenters/tfjs/backend.js';
import type { SegmenterInput } from '../../../src/segmenters/types.js';
import {
  MEET_JSON,
  SELFIE_JSON,
  SHARED_SKIP_REASON,
  VOC_ROOT,
  hasShared,
} from '../../helpers/shared.js';
import { recordingLogger, unitInput } from './support.js';

/** VOC val images where people cover more than half of the labelled pixels. */
const PERSON_IDS = ['2007_006698', '2008_003330'];
const PERSON_MAP = '15:1,*:0';

async function personLabel(id: string): Promise<ClassIdMask> {
  const { result } = await readMask(join(VOC_ROOT, 'SegmentationClass', `${id}.png`), 50_000_000);
  if (result.kind !== 'mask') {
    throw new Error(`label of ${id} holds no class ids`);
  }
  return applyLabelMap(parseLabelMap(PERSON_MAP, 255), result.mask);
}

function input(id: string, label: ClassIdMask): SegmenterInput {
  return {
    id,
    imagePath: join(VOC_ROOT, 'JPEGImages', `${id}.jpg`),
    labelWidth: label.width,
    labelHeight: label.height,
  };
}

/** Share of the label's person pixels (1) that the mask predicts as person. */
function personRecall(label: ClassIdMask, mask: ClassIdMask): number {
  let person = 0;
  let found = 0;
  label.data.forEach((value, index) => {
    if (value === 1) {
      person += 1;
      found += mask.data[index] === 1 ? 1 : 0;
    }
  });
  return found / person;
}

async function open(modelPath: string, backend: TfjsBackendName): Promise<TfjsSegmenter> {
  return openTfjsSegmenter(
    {
      modelPath,
      numClasses: 2,
      input: unitInput(),
      maxPixels: 50_000_000,
      backend,
      threshold: 0.5,
    },
    { logger: recordingLogger() },
  );
}

describe.skipIf(!hasShared)(
  `person models on VOC (${hasShared ? 'real data' : SHARED_SKIP_REASON})`,
  () => {
    describe.each(['wasm', 'cpu'] as const)('on %s', (backend) => {
      it('meet finds the people', async () => {
        const segmenter = await open(MEET_JSON, backend);
        expect(segmenter.info.details).toMatchObject({
          backend,
          format: 'graph-model',
          inputShape: '[1,144,256,3]',
          outputDims: [1, 144, 256, 2],
          outputForm: 'logits',
        });

        for (const id of PERSON_IDS) {
          const label = await personLabel(id);
          const output = await segmenter.segment(input(id, label));

          expect(output.findings).toEqual([]);
          expect(output.mask?.width).toBe(label.width);
          expect(personRecall(label, output.mask as ClassIdMask), id).toBeGreaterThan(0.8);
        }
        await segmenter.dispose();
      });

      it('selfie finds the people', async () => {
        const segmenter = await open(SELFIE_JSON, backend);
        expect(segmenter.info.details).toMatchObject({
          backend,
          outputDims: [1, 256, 256, 1],
          outputForm: 'probabilities',
        });
        expect(segmenter.info.decoding).toBe(
          'NHWC float32 probabilities [1,256,256,1] -> bilinear to label size -> threshold 0.5',
        );

        for (const id of PERSON_IDS) {
          const label = await personLabel(id);
          const output = await segmenter.segment(input(id, label));

          expect(personRecall(label, output.mask as ClassIdMask), id).toBeGreaterThan(0.8);
        }
        await segmenter.dispose();
      });
    });

    it('keeps wasm memory steady', async () => {
      const segmenter = await open(MEET_JSON, 'wasm');
      const first = PERSON_IDS[0] as string;
      await segmenter.segment(input(first, await personLabel(first)));
      const before = tf.memory().numTensors;

      for (const id of PERSON_IDS) {
        const mapped = await personLabel(id);
        await segmenter.segment(input(id, mapped));
      }

      expect(tf.memory().numTensors).toBe(before);
      await segmenter.dispose();
    });

    it('skips batch consistency for a fixed batch', async () => {
      const segmenter = await open(SELFIE_JSON, 'wasm');
      const labels = await Promise.all(PERSON_IDS.map(personLabel));

      const record = await segmenter.checkBatchConsistency(
        PERSON_IDS.map((id, index) => input(id, labels[index] as ClassIdMask)),
      );

      expect(record.status).toBe('skip');
      expect(record.message).toBe(
        `Model ${SELFIE_JSON} has a fixed batch size of 1, so an image cannot be run inside a ` +
          'larger batch to compare.',
      );
      await segmenter.dispose();
    });
  },
);
