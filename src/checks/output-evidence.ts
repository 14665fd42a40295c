import { formatCount } from '../report/format.js';
import type { OutputStats } from '../segmenters/types.js';
import type { ImageAnalysisOptions } from './defaults.js';
import { countOf, listWithRest } from './listing.js';
import type { CheckRecord } from './types.js';

/** The kinds of segmenter; prediction files have no raw model output to examine. */
export type SegmenterKind = 'onnx' | 'tfjs' | 'predictions';

/**
 * Accumulates the raw-output statistics (`OutputStats`) of a model run: NaN and infinite values
 * per image and the largest absolute finite value.
 */
export class OutputEvidence {
  private imagesWithStats = 0;
  private readonly nonFiniteImages: { id: string; count: number }[] = [];
  private nonFiniteTotal = 0;
  private maxAbs = 0;
  private maxAbsImage: string | null = null;

  constructor(
    private readonly segmenterKind: SegmenterKind,
    private readonly options: ImageAnalysisOptions,
  ) {}

  /** Adds the statistics of one image's model output. */
  add(imageId: string, stats: OutputStats): void {
    this.imagesWithStats += 1;
    if (stats.nonFinite > 0) {
      this.nonFiniteImages.push({ id: imageId, count: stats.nonFinite });
      this.nonFiniteTotal += stats.nonFinite;
    }
    if (this.maxAbsImage === null || stats.maxAbs > this.maxAbs) {
      this.maxAbs = stats.maxAbs;
      this.maxAbsImage = imageId;
    }
  }

  /** `contract.model.non-finite`: fails when any raw model output value is NaN or infinite. */
  nonFiniteCheck(): CheckRecord {
    const id = 'contract.model.non-finite';
    const skipped = this.skipReason();
    if (skipped) {
      return { id, status: 'skip', message: skipped };
    }

    if (this.nonFiniteImages.length === 0) {
      return {
        id,
        status: 'pass',
        message: `The raw model output of all ${countOf(this.imagesWithStats, 'image')} is finite (checked before argmax).`,
      };
    }
    const listed = listWithRest(
      this.nonFiniteImages.map((image) => `${image.id} (${formatCount(image.count)})`),
    );
    return {
      id,
      status: 'fail',
      message: `The raw model output contains ${formatCount(this.nonFiniteTotal)} NaN or infinite values in ${this.nonFiniteImages.length} of ${countOf(this.imagesWithStats, 'image')}, checked before argmax: ${listed}. The argmax of such an output is meaningless. A broken export (for example float16 overflow) or input values far outside the training range are likely.`,
    };
  }

  /**
   * `contract.model.logit-magnitude`: fails when the largest absolute finite output value exceeds
   * `maxAbsLogit`.
   */
  logitMagnitudeCheck(): CheckRecord {
    const id = 'contract.model.logit-magnitude';
    const skipped = this.skipReason();
    if (skipped) {
      return { id, status: 'skip', message: skipped };
    }

    const limit = formatMagnitude(this.options.maxAbsLogit);
    const evidence = `The largest absolute model output value is ${formatMagnitude(this.maxAbs)} (in ${this.maxAbsImage ?? 'no image'})`;
    if (this.maxAbs > this.options.maxAbsLogit) {
      return {
        id,
        status: 'fail',
        message: `${evidence}, above the limit ${limit}. Logits this large usually mean a preprocessing mismatch, for example pixels in 0..255 fed to a model trained on inputs in [-1, 1]; check --normalize and the channel order.`,
      };
    }
    return { id, status: 'pass', message: `${evidence}, within the limit ${limit}.` };
  }

  private skipReason(): string | null {
    if (this.segmenterKind === 'predictions') {
      return 'Prediction files carry no raw model output to examine.';
    }
    if (this.imagesWithStats === 0) {
      return 'No image reached the model, so there is no raw output to examine.';
    }
    return null;
  }
}

/** Formats a magnitude with up to 4 significant digits: `23.46`, `1000`, `3.403e+38`. */
function formatMagnitude(value: number): string {
  return String(Number(value.toPrecision(4)));
}
