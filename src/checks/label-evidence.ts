import type { ClassIdMask } from '../decode/types.js';
import { formatCount, formatPercent } from '../report/format.js';
import type { ImageAnalysisOptions } from './defaults.js';
import { countBorderPixels } from './label-borders.js';
import { className, countOf, listWithRest } from './listing.js';
import { isAbove, isBelow } from './tolerance.js';
import type { CheckRecord } from './types.js';

/** Label facts that `contract.labels.interpolated` and `contract.labels.ignored-share` read. */
export interface LabelContext {
  readonly ignoreIndex: number;
  readonly classNames: readonly string[];
}

/**
 * Accumulates, over the decoded labels of a run, the pixel and interior-pixel counts of every
 * label value and the pixels equal to the ignore index. Keeps counts and image ids, never masks.
 */
export class LabelEvidence {
  private readonly pixels = new Float64Array(256);
  private readonly interior = new Float64Array(256);
  /** Ordinal (into `imageIds`) of every image that contains each value. */
  private readonly imagesByValue = new Map<number, number[]>();
  private readonly imageIds: string[] = [];
  private totalPixels = 0;
  private ignoredPixels = 0;

  constructor(
    private readonly context: LabelContext,
    private readonly options: ImageAnalysisOptions,
  ) {}

  /** Adds one decoded label. */
  add(imageId: string, label: ClassIdMask): void {
    const ordinal = this.imageIds.length;
    this.imageIds.push(imageId);
    const counts = countBorderPixels(label, this.context.ignoreIndex);

    let counted = 0;
    for (let value = 0; value < 256; value++) {
      const pixels = counts.pixels[value] as number;
      if (pixels === 0) {
        continue;
      }
      counted += pixels;
      this.pixels[value] = (this.pixels[value] as number) + pixels;
      this.interior[value] = (this.interior[value] as number) + (counts.interior[value] as number);
      const images = this.imagesByValue.get(value) ?? [];
      images.push(ordinal);
      this.imagesByValue.set(value, images);
    }

    const total = label.width * label.height;
    this.totalPixels += total;
    this.ignoredPixels += total - counted;
  }

  /**
   * `contract.labels.interpolated`: fails when a label value other than the ignore index has at
   * least `interpolatedMinPixels` pixels over the dataset and fewer than `maxInteriorFraction` of
   * them are interior pixels, the trace of labels resized with bilinear interpolation.
   */
  interpolatedCheck(): CheckRecord {
    const id = 'contract.labels.interpolated';
    if (this.imageIds.length === 0) {
      return { id, status: 'skip', message: 'No label could be decoded, so label borders were not examined.' };
    }

    const candidates = this.valuesWithPixels(this.options.interpolatedMinPixels);
    const flagged = candidates.filter(
      (value) => isBelow(this.interiorFraction(value), this.options.maxInteriorFraction),
    );
    if (flagged.length > 0) {
      return { id, status: 'fail', message: this.interpolatedFailure(flagged) };
    }

    const rule = `every label value with ${formatCount(this.options.interpolatedMinPixels)} or more pixels has at least ${formatPercent(this.options.maxInteriorFraction)} interior pixels (all four neighbours with the same value)`;
    const lowest = candidates.sort((a, b) => this.interiorFraction(a) - this.interiorFraction(b))[0];
    const lowestText =
      lowest === undefined
        ? ''
        : ` The lowest is ${this.describeValue(lowest)} with ${formatPercent(this.interiorFraction(lowest))}.`;
    return {
      id,
      status: 'pass',
      message: `No label value is confined to thin strips along region borders: ${rule}.${lowestText}`,
    };
  }

  /**
   * `contract.labels.ignored-share`: warns when more than `ignoredShareWarn` of the label pixels
   * equal the ignore index and fails above `ignoredShareFail`.
   *
   * NOTE: the pipeline replaces label values outside the class ids with the ignore index before
   * observers see the label, so those pixels count here too (`contract.labels.ids` reports them).
   */
  ignoredShareCheck(): CheckRecord {
    const id = 'contract.labels.ignored-share';
    const { ignoreIndex } = this.context;
    if (this.totalPixels === 0) {
      return { id, status: 'skip', message: 'No label could be decoded, so the ignored share is unknown.' };
    }

    const share = this.ignoredPixels / this.totalPixels;
    const evidence = `${formatPercent(share)} of label pixels (${formatCount(this.ignoredPixels)} of ${formatCount(this.totalPixels)} in ${countOf(this.imageIds.length, 'label')}) equal the ignore index ${ignoreIndex} and are not scored`;
    const cause = `A share this high suggests a shifted or reduced label scheme, for example background mapped to ${ignoreIndex} by a reduce-zero-label setting, or the wrong --ignore-index.`;

    if (isAbove(share, this.options.ignoredShareFail)) {
      return {
        id,
        status: 'fail',
        message: `${evidence}, more than the limit ${formatPercent(this.options.ignoredShareFail)}. ${cause}`,
      };
    }
    if (isAbove(share, this.options.ignoredShareWarn)) {
      return {
        id,
        status: 'warn',
        message: `${evidence}, more than ${formatPercent(this.options.ignoredShareWarn)} (the check fails above ${formatPercent(this.options.ignoredShareFail)}). ${cause}`,
      };
    }
    return {
      id,
      status: 'pass',
      message: `${evidence}, within the warning limit ${formatPercent(this.options.ignoredShareWarn)}.`,
    };
  }

  private interpolatedFailure(flagged: readonly number[]): string {
    const values = flagged.map(
      (value) =>
        `${value} (${className(this.context.classNames, value)}, ${formatCount(this.pixels[value] as number)} pixels, ${formatPercent(this.interiorFraction(value))} interior)`,
    );
    const ordinals = new Set<number>();
    for (const value of flagged) {
      for (const ordinal of this.imagesByValue.get(value) ?? []) {
        ordinals.add(ordinal);
      }
    }
    const files = [...ordinals].sort((a, b) => a - b).map((ordinal) => this.imageIds[ordinal] ?? '');

    return `Label ${flagged.length === 1 ? 'value' : 'values'} ${values.join(', ')} occur${flagged.length === 1 ? 's' : ''} only in thin strips along region borders (fewer than ${formatPercent(this.options.maxInteriorFraction)} of the pixels have four neighbours with the same value), in ${countOf(files.length, 'label')}: ${listWithRest(files)}. Labels resized with bilinear interpolation create in-between ids along borders; resize labels with nearest neighbour.`;
  }

  private valuesWithPixels(minPixels: number): number[] {
    const values: number[] = [];
    for (let value = 0; value < 256; value++) {
      const pixels = this.pixels[value] as number;
      if (pixels > 0 && pixels >= minPixels) {
        values.push(value);
      }
    }
    return values;
  }

  private interiorFraction(value: number): number {
    return (this.interior[value] as number) / (this.pixels[value] as number);
  }

  private describeValue(value: number): string {
    return `${value} (${className(this.context.classNames, value)})`;
  }
}
