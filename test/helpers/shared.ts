import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/**
 * The read-only folder of real test data beside the repository: the VOC 2012 sample and
 * pre-trained models. Tests read it at run time and skip when it is absent. Nothing from it is
 * committed.
 */
export const SHARED_DIR = resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'shared');

export const VOC_ROOT = join(SHARED_DIR, 'voc', 'VOC2012');
export const VOC_SAMPLE_IDS = join(VOC_ROOT, 'ImageSets', 'Segmentation', 'sample.txt');
export const MODELS_DIR = join(SHARED_DIR, 'models');
export const DEEPLAB_ONNX = join(MODELS_DIR, 'deeplabv3-mobilenetv2-pascal', 'model.onnx');
export const PAN_DIR = join(MODELS_DIR, 'pan-skin-clothes-hair');
export const MEET_JSON = join(MODELS_DIR, 'meet-segmentation-tfjs', 'meet.json');
export const SELFIE_JSON = join(MODELS_DIR, 'selfie-segmentation-tfjs', 'selfie.json');

/** True when the real data folder is present. */
export const hasShared = existsSync(VOC_ROOT) && existsSync(MODELS_DIR);

/** Reason printed by `describe.skipIf(!hasShared)` suites. */
export const SHARED_SKIP_REASON = `real data not found at ${SHARED_DIR}; tests that need it are skipped`;

if (!hasShared) {
  console.warn(SHARED_SKIP_REASON);
}
