import type { ClassIdMask } from '../decode/types.js';
import { formatCount, formatPercent } from '../report/format.js';
import type { ImageAnalysisOptions } from './defaults.js';
import { countBorderPixels } from './label-borders.js';
import { className, countOf, listWithRest } from './listing.js';
import { isAbove, isAtLeast, isBelow } from './tolerance.js';
import type { CheckRecord } from './types.js';

/** Label facts that `contract.labels.interpolated` and `contract.labels.ignored-share` read. */
export interface LabelContext {
  readonly ignoreIndex: number;
  readonly classNames: readonly string[];
}

/**
 * Accumulates, over the decoded labels of a run, the pixels of every label value that form border
 * strips (see {@link LabelEvidence.interpolatedCheck}) and the pixels equal to the ignore index.
 * Keeps counts and image ids, never masks.
 */
export class LabelEvidence {
  /** Per value: pixels in the labels where the value forms only border strips. */
  private readonly stripPixels = new Float64Array(256);
  /** Per value: ordinals (into `imageIds`) of the labels where it forms only border strips. */
  private readonly stripImages = new Map<number, number[]>();
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
      const interior = (counts.interior[value] as number) / pixels;
      const between = (counts.between[value] as number) / pixels;
      if (
        isBelow(interior, this.options.maxInteriorFraction) &&
        isAtLeast(between, this.options.minBetweenFraction)
      ) {
        this.stripPixels[value] = (this.stripPixels[value] as number) + pixels;
        const images = this.stripImages.get(value) ?? [];
        images.push(ordinal);
        this.stripImages.set(value, images);
      }
    }

    const total = label.width * label.height;
    this.totalPixels += total;
    this.ignoredPixels += total - counted;
  }

  /**
   * `contract.labels.interpolated`: fails for a label value (other than the ignore index) that
   * forms border strips on at least `interpolatedMinPixels` pixels over the dataset, the trace of
   * labels resized with bilinear interpolation. In one label, a value forms border strips when
   * fewer than `maxInteriorFraction` of its pixels there are interior and at least
   * `minBetweenFraction` lie between two opposite neighbours. Deciding per label keeps a value
   * that is also a real class elsewhere from hiding its strips.
   */
  interpolatedCheck(): CheckRecord {
    const id = 'contract.labels.interpolated';
    if (this.imageIds.length === 0) {
      return {
        id,
        status: 'skip',
        message: 'No label could be decoded, so label borders were not examined.',
      };
    }

    const values = this.stripValues();
    const flagged = values.filter(
      (value) => (this.stripPixels[value] as number) >= this.options.interpolatedMinPixels,
    );
    if (flagged.length > 0) {
      return { id, status: 'fail', message: this.interpolatedFailure(flagged) };
    }

    const largest = values.sort((a, b) => this.stripPixelsOf(b) - this.stripPixelsOf(a))[0];
    const largestText =
      largest === undefined
        ? 'No label value forms border strips in any label.'
        : `The largest is ${this.describeStrips(largest)}.`;
    return {
      id,
      status: 'pass',
      message: `No label value forms thin in-between strips along region borders on ${formatCount(this.options.interpolatedMinPixels)} or more pixels. ${largestText}`,
    };
  }

  /**
   * `contract.labels.ignored-share`: warns when more than `ignoredShareWarn` of the label pixels
   * equal the ignore index and fails above `ignoredShareFail`.
   *
   * Labels with values outside the class ids are counted as decoded: their out-of-range pixels
   * are not ignored pixels (`contract.labels.ids` reports them).
   */
  ignoredShareCheck(): CheckRecord {
    const id = 'contract.labels.ignored-share';
    const { ignoreIndex } = this.context;
    if (this.totalPixels === 0) {
      return {
        id,
        status: 'skip',
        message: 'No label could be decoded, so the ignored share is unknown.',
      };
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
    const ordinals = new Set<number>();
    for (const value of flagged) {
      for (const ordinal of this.stripImages.get(value) ?? []) {
        ordinals.add(ordinal);
      }
    }
    const files = [...ordinals]
      .sort((a, b) => a - b)
      .map((ordinal) => this.imageIds[ordinal] ?? '');
    const one = flagged.length === 1;

    return `Label ${one ? 'value' : 'values'} ${listWithRest(flagged.map((value) => this.describeStrips(value)))} ${one ? 'forms' : 'form'} thin strips along region borders: in those labels fewer than ${formatPercent(this.options.maxInteriorFraction)} of ${one ? 'its' : 'their'} pixels have four neighbours with the same value, and at least ${formatPercent(this.options.minBetweenFraction)} lie between the values of two opposite neighbours. Files (${files.length}): ${listWithRest(files)}. Labels resized with bilinear interpolation create in-between ids along borders; resize labels with nearest neighbour.`;
  }

  /** Values that form border strips in at least one label, ascending. */
  private stripValues(): number[] {
    const values: number[] = [];
    for (let value = 0; value < 256; value++) {
      if ((this.stripPixels[value] as number) > 0) {
        values.push(value);
      }
    }
    return values;
  }

  private stripPixelsOf(value: number): number {
    return this.stripPixels[value] as number;
  }

  /** `7 (car, 1,234 pixels in 12 labels)`. */
  private describeStrips(value: number): string {
    const labels = this.stripImages.get(value)?.length ?? 0;
    return `${value} (${className(this.context.classNames, value)}, ${formatCount(this.stripPixelsOf(value))} pixels in ${countOf(labels, 'label')})`;
  }
}
