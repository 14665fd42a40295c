import type { Size } from '../config/settings.js';
import { applyLabelMap, type LabelMap } from '../dataset/label-map.js';
import type { Sample } from '../dataset/types.js';
import { readMask } from '../decode/mask.js';
import { resizeNearest } from '../segmenters/nearest.js';
import { preprocessImage, type PreprocessSpec } from '../segmenters/preprocess.js';

/** One training example: the model input and the labels at the model's output size. */
export interface TrainingExample {
  readonly id: string;
  /** NHWC input of one image, `inputSize.height * inputSize.width * 3` values. */
  readonly image: Float32Array;
  /** Class ids at the output size, row-major; ignore-index pixels where the image is padding. */
  readonly labels: Uint8Array;
}

/** A label that the loss cannot take: not a class-id image, or ids outside 0..C-1. */
export interface LabelProblem {
  readonly id: string;
  readonly path: string;
  readonly detail: string;
}

export interface TrainingDataSpec {
  readonly preprocess: PreprocessSpec;
  /** Height and width of the model output, which the labels are resized to. */
  readonly outputSize: Size;
  readonly numClasses: number;
  readonly ignoreIndex: number;
  readonly labelMap: LabelMap | null;
}

export interface TrainingData {
  readonly examples: readonly TrainingExample[];
  readonly problems: readonly LabelProblem[];
}

/**
 * Loads every sample into memory: the image preprocessed as for evaluation, and the label mask
 * decoded as class ids, remapped by the label map and resized to the model output size. Labels
 * are resized by nearest neighbour, never bilinearly, which would invent ids between two classes. With `pad`
 * resizing, output pixels outside the image are set to the ignore index. Labels that are not
 * class-id images or contain ids outside 0..C-1 (other than the ignore index) are returned as
 * problems instead of examples.
 */
export async function loadTrainingData(
  samples: readonly Sample[],
  spec: TrainingDataSpec,
): Promise<TrainingData> {
  const examples: TrainingExample[] = [];
  const problems: LabelProblem[] = [];

  for (const sample of samples) {
    const loaded = await loadExample(sample, spec);
    if ('detail' in loaded) {
      problems.push(loaded);
    } else {
      examples.push(loaded);
    }
  }
  return { examples, problems };
}

async function loadExample(
  sample: Sample,
  spec: TrainingDataSpec,
): Promise<TrainingExample | LabelProblem> {
  const { result } = await readMask(sample.labelPath, spec.preprocess.maxPixels);
  if (result.kind === 'not-class-ids') {
    const detail = `${result.encoding}, ${result.bitDepth}-bit: not a class-id image`;
    return { id: sample.id, path: sample.labelPath, detail };
  }

  const mask = spec.labelMap ? applyLabelMap(spec.labelMap, result.mask) : result.mask;
  const outOfRange = idsOutOfRange(mask.data, spec.numClasses, spec.ignoreIndex);
  if (outOfRange.length > 0) {
    const detail = `ids ${outOfRange.join(', ')} outside 0..${spec.numClasses - 1}`;
    return { id: sample.id, path: sample.labelPath, detail };
  }

  const preprocessed = await preprocessImage(sample.imagePath, spec.preprocess);
  const inputSize = spec.preprocess.inputSize;
  const labels = resizeLabels(mask, preprocessed.valid, inputSize, spec);
  return { id: sample.id, image: preprocessed.data, labels };
}

/**
 * Resizes a mask onto the output grid. The image covers `valid` of the `inputSize` input, so it
 * covers the same share of the output, and the rest of the output is set to the ignore index.
 */
function resizeLabels(
  mask: { width: number; height: number; data: Uint8Array },
  valid: Size,
  inputSize: Size,
  spec: TrainingDataSpec,
): Uint8Array {
  const out = spec.outputSize;
  const covered = {
    width: Math.max(1, Math.round((valid.width * out.width) / inputSize.width)),
    height: Math.max(1, Math.round((valid.height * out.height) / inputSize.height)),
  };
  const source = { width: mask.width, height: mask.height };
  const resized = resizeNearest(mask.data, source, source, covered);
  if (covered.width === out.width && covered.height === out.height) {
    return resized;
  }

  const labels = new Uint8Array(out.width * out.height).fill(spec.ignoreIndex);
  for (let y = 0; y < covered.height; y += 1) {
    labels.set(resized.subarray(y * covered.width, (y + 1) * covered.width), y * out.width);
  }
  return labels;
}

function idsOutOfRange(data: Uint8Array, numClasses: number, ignoreIndex: number): number[] {
  const seen = new Set<number>();
  for (const id of data) {
    if (id >= numClasses && id !== ignoreIndex) {
      seen.add(id);
    }
  }
  return [...seen].sort((a, b) => a - b);
}
