import type { Size } from '../config/settings.js';
import { InputError, UsageError } from '../errors.js';
import { formatShape } from './layout.js';
import type { Dim } from './layout.js';
import type { DeclaredTensor } from './onnx-session.js';
import type { TensorLayout } from './preprocess.js';

/**
 * Checks that a model input can take one RGB image: float32, rank 4, batch 1 (or symbolic) and 3
 * channels (or symbolic) on the axis of `layout`. Throws an InputError naming the model otherwise.
 */
export function checkImageInput(input: DeclaredTensor, layout: TensorLayout, modelPath: string) {
  const shape = formatShape(input.shape);
  const where = `Model ${modelPath} input "${input.name}" ${shape}`;

  if (input.type !== 'float32') {
    throw new InputError(`${where} has element type ${input.type}: expected float32.`);
  }
  if (input.shape.length !== 4) {
    throw new InputError(
      `${where} has rank ${input.shape.length}: expected a rank-4 image tensor.`,
    );
  }

  const batch = input.shape[0];
  if (typeof batch === 'number' && batch !== 1) {
    throw new InputError(`${where} has a fixed batch of ${batch}: expected batch 1 or symbolic.`);
  }

  const channels = input.shape[layout === 'nhwc' ? 3 : 1];
  if (typeof channels === 'number' && channels !== 3) {
    throw new InputError(
      `${where} read as ${layout.toUpperCase()} has ${channels} channel${channels === 1 ? '' : 's'}: ` +
        'seg-gate feeds 3-channel RGB images. Check --layout, or export the model with an RGB input.',
    );
  }
}

/**
 * Returns the input size to feed: the model's fixed height and width, or `option` (`--input-size`)
 * where the model declares them symbolic. Throws a UsageError when a symbolic size has no
 * `--input-size`, or when `--input-size` differs from a fixed size.
 */
export function resolveInputSize(
  shape: readonly Dim[],
  layout: TensorLayout,
  option: Size | null,
  modelPath: string,
): Size {
  const height = shape[layout === 'nhwc' ? 1 : 2];
  const width = shape[layout === 'nhwc' ? 2 : 3];
  const fixed = typeof width === 'number' && typeof height === 'number';

  if (option === null) {
    if (!fixed) {
      throw new UsageError(
        `Model ${modelPath} declares input ${formatShape(shape)} with a symbolic height or width; ` +
          'pass --input-size WxH (for example the crop size the model was trained with).',
      );
    }
    return { width, height };
  }

  const widthFits = typeof width !== 'number' || width === option.width;
  const heightFits = typeof height !== 'number' || height === option.height;
  if (!widthFits || !heightFits) {
    throw new UsageError(
      `--input-size ${option.width}x${option.height} vs model input ${formatShape(shape)} ` +
        `(${width}x${height}) of ${modelPath}: the model has a fixed size, so omit --input-size ` +
        'or pass its size.',
    );
  }
  return option;
}

/** Returns the concrete input dims for batch 1: `[1,H,W,3]` (NHWC) or `[1,3,H,W]` (NCHW). */
export function inputDims(layout: TensorLayout, size: Size): number[] {
  return layout === 'nhwc' ? [1, size.height, size.width, 3] : [1, 3, size.height, size.width];
}
