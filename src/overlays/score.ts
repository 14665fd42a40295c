/**
 * Computes one image's mIoU from its sparse confusion counts (`[true, predicted, pixels]`
 * triples): the mean IoU over the classes present in its label or its prediction, where a class's
 * IoU is intersection / (label pixels + predicted pixels - intersection). Triples with a class id
 * outside 0..numClasses-1 (such as the ignore index) are left out. Returns null when no class is
 * present, for example when every label pixel is the ignore index.
 *
 * Example: counts `[[0, 0, 6], [0, 1, 2], [1, 1, 2]]` give IoU 6/8 for class 0 and 2/4 for class
 * 1, so the image mIoU is 0.625.
 */
export function imageMeanIou(
  counts: readonly (readonly [number, number, number])[],
  numClasses: number,
): number | null {
  const labelPixels = new Float64Array(numClasses);
  const predictedPixels = new Float64Array(numClasses);
  const intersection = new Float64Array(numClasses);

  for (const [truth, predicted, pixels] of counts) {
    if (!isClass(truth, numClasses) || !isClass(predicted, numClasses)) {
      continue;
    }
    labelPixels[truth] = (labelPixels[truth] ?? 0) + pixels;
    predictedPixels[predicted] = (predictedPixels[predicted] ?? 0) + pixels;
    if (truth === predicted) {
      intersection[truth] = (intersection[truth] ?? 0) + pixels;
    }
  }

  let sum = 0;
  let present = 0;
  for (let id = 0; id < numClasses; id++) {
    const union = (labelPixels[id] ?? 0) + (predictedPixels[id] ?? 0) - (intersection[id] ?? 0);
    if (union > 0) {
      sum += (intersection[id] ?? 0) / union;
      present += 1;
    }
  }
  return present === 0 ? null : sum / present;
}

function isClass(id: number, numClasses: number): boolean {
  return Number.isInteger(id) && id >= 0 && id < numClasses;
}
