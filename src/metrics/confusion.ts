/**
 * A C x C confusion matrix over a whole subset: rows are true classes, columns predicted classes,
 * as in the PASCAL VOC devkit and mmsegmentation. Counts are stored as float64, which represents pixel
 * counts exactly up to 2^53.
 */
export class ConfusionMatrix {
  readonly numClasses: number;
  readonly counts: Float64Array;

  constructor(numClasses: number) {
    if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 256) {
      throw new RangeError(`numClasses must be an integer in 1..256, received ${numClasses}`);
    }
    this.numClasses = numClasses;
    this.counts = new Float64Array(numClasses * numClasses);
  }

  /** Count of pixels whose true class is `trueClass` and predicted class is `predictedClass`. */
  get(trueClass: number, predictedClass: number): number {
    return this.counts[trueClass * this.numClasses + predictedClass] ?? 0;
  }

  /** Adds `pixels` to one cell. */
  add(trueClass: number, predictedClass: number, pixels: number): void {
    const index = trueClass * this.numClasses + predictedClass;
    this.counts[index] = (this.counts[index] ?? 0) + pixels;
  }

  /** Adds every cell of `other`, which must have the same class count. */
  addMatrix(other: ConfusionMatrix): void {
    if (other.numClasses !== this.numClasses) {
      throw new RangeError(`class count ${other.numClasses} vs ${this.numClasses}`);
    }
    for (let i = 0; i < this.counts.length; i++) {
      this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    }
  }

  /** Adds sparse `[true, predicted, pixels]` triples, as stored per image in the report. */
  addSparse(triples: readonly (readonly [number, number, number])[]): void {
    for (const [trueClass, predictedClass, pixels] of triples) {
      this.add(trueClass, predictedClass, pixels);
    }
  }

  /** Sum of all cells: the number of scored pixels. */
  total(): number {
    let sum = 0;
    for (const value of this.counts) {
      sum += value;
    }
    return sum;
  }

  /** Returns the matrix as rows of plain numbers (rows true, columns predicted). */
  toRows(): number[][] {
    const rows: number[][] = [];
    for (let t = 0; t < this.numClasses; t++) {
      rows.push(Array.from(this.counts.subarray(t * this.numClasses, (t + 1) * this.numClasses)));
    }
    return rows;
  }

  /** Non-zero cells as `[true, predicted, pixels]` triples, in row-major order. */
  toSparse(): [number, number, number][] {
    const triples: [number, number, number][] = [];
    for (let index = 0; index < this.counts.length; index++) {
      const pixels = this.counts[index] ?? 0;
      if (pixels !== 0) {
        triples.push([Math.floor(index / this.numClasses), index % this.numClasses, pixels]);
      }
    }
    return triples;
  }
}
