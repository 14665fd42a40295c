import type { ClassIdMask } from '../decode/types.js';
import { formatPercent } from '../report/format.js';
import type { ImageAnalysisOptions } from './defaults.js';
import { className, countOf } from './listing.js';
import { signatureGrid, signatureKey } from './signature.js';
import type { CheckRecord } from './types.js';

/**
 * Accumulates a small nearest-neighbour signature of each scored prediction and its label, to
 * find a model whose output does not depend on its input. Keeps one key per distinct signature,
 * never the masks.
 */
export class ConstantEvidence {
  private scoredImages = 0;
  private readonly predictionKeys = new Set<string>();
  private readonly labelKeys = new Set<string>();
  private firstPrediction: Uint8Array | null = null;

  constructor(
    private readonly classNames: readonly string[],
    private readonly options: ImageAnalysisOptions,
  ) {}

  /** Adds one scored image: its label and its prediction at label size. */
  add(label: ClassIdMask, prediction: ClassIdMask): void {
    const size = this.options.signatureSize;
    const predictionGrid = signatureGrid(prediction, size);
    this.scoredImages += 1;
    this.firstPrediction ??= predictionGrid;
    this.predictionKeys.add(signatureKey(predictionGrid));
    this.labelKeys.add(signatureKey(signatureGrid(label, size)));
  }

  /**
   * `contract.predictions.constant`: fails when at least `constantMinImages` images were scored,
   * their labels differ, and every prediction has the same signature.
   */
  constantCheck(): CheckRecord {
    const id = 'contract.predictions.constant';
    const size = this.options.signatureSize;
    const grid = `${size}x${size} nearest-neighbour signature`;

    if (this.scoredImages < this.options.constantMinImages) {
      return {
        id,
        status: 'skip',
        message: `Only ${countOf(this.scoredImages, 'image')} scored; at least ${this.options.constantMinImages} are needed to tell whether predictions change with the input.`,
      };
    }
    if (this.labelKeys.size === 1) {
      return {
        id,
        status: 'skip',
        message: `All ${this.scoredImages} scored labels have the same ${grid}, so identical predictions are expected.`,
      };
    }
    if (this.predictionKeys.size > 1) {
      return {
        id,
        status: 'pass',
        message: `Predictions change with the input: ${this.scoredImages} scored images give ${this.predictionKeys.size} distinct prediction signatures (${grid}) for ${this.labelKeys.size} distinct label signatures.`,
      };
    }
    return {
      id,
      status: 'fail',
      message: `All ${this.scoredImages} scored predictions have the same ${grid} (${this.describeFirstPrediction()}) although their labels give ${this.labelKeys.size} distinct signatures. The model ignores its input: a model collapsed to one output (see the collapse checks), a wrong input name, an all-zero input tensor or a cached output is likely.`,
    };
  }

  /** Class shares of the first prediction signature, largest first, at most three. */
  private describeFirstPrediction(): string {
    const grid = this.firstPrediction ?? new Uint8Array(0);
    const counts = new Map<number, number>();
    for (const value of grid) {
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 3)
      .map(
        ([value, cells]) =>
          `${className(this.classNames, value)} ${formatPercent(cells / grid.length)}`,
      )
      .join(', ');
  }
}
