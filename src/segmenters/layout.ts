import type { Layout } from '../config/settings.js';
import type { TensorLayout } from './preprocess.js';

/** One dimension of a declared tensor shape: a size, or the name of a symbolic dimension. */
export type Dim = number | string;

/** The outcome of deciding how a model input stores its channels. */
export type InputLayoutDecision =
  | {
      readonly kind: 'decided';
      readonly layout: TensorLayout;
      /** `auto` when read from the shape, `option` when `--layout` set it. */
      readonly source: 'auto' | 'option';
    }
  | {
      readonly kind: 'ambiguous';
      /** Reason the shape leaves the layout open, for the finding's detail. */
      readonly reason: string;
    };

/**
 * Decides the layout of a rank-4 image input from its declared shape. A dimension of 3 (or 1, for a
 * grey input) marks the channels: NHWC when it is the last dimension, NCHW when it is dimension 1.
 * When both or neither hold, the shape is ambiguous unless `option` (`--layout`) is `nhwc` or
 * `nchw`, which always wins. Example: `[1,257,257,3]` is NHWC, `[1,3,3,3]` is ambiguous.
 */
export function decideInputLayout(shape: readonly Dim[], option: Layout): InputLayoutDecision {
  if (option !== 'auto') {
    return { kind: 'decided', layout: option, source: 'option' };
  }

  if (shape.length !== 4) {
    return {
      kind: 'ambiguous',
      reason: `input shape ${formatShape(shape)} has rank ${shape.length}, not 4`,
    };
  }

  const channelsLast = isChannelCount(shape[3]);
  const channelsFirst = isChannelCount(shape[1]);
  if (channelsLast && !channelsFirst) {
    return { kind: 'decided', layout: 'nhwc', source: 'auto' };
  }
  if (channelsFirst && !channelsLast) {
    return { kind: 'decided', layout: 'nchw', source: 'auto' };
  }

  const evidence = channelsLast
    ? 'both dimension 1 and dimension 3 are channel counts'
    : 'neither dimension 1 nor dimension 3 is a channel count';
  return { kind: 'ambiguous', reason: `input shape ${formatShape(shape)}: ${evidence} (1 or 3)` };
}

/**
 * Returns the axis of a rank-4 output that contains the classes: 3 for NHWC and 1 for NCHW, taken
 * from the input layout. When that axis does not match `numClasses` (and is not 1), but the other
 * candidate axis does, the other axis is used, because some exports transpose only the output.
 * Example: `[1,257,257,21]` with an NHWC input and 21 classes gives 3.
 */
export function decideClassAxis(
  dims: readonly number[],
  layout: TensorLayout,
  numClasses: number,
): 1 | 3 {
  const preferred = layout === 'nhwc' ? 3 : 1;
  const other = preferred === 3 ? 1 : 3;
  const preferredSize = dims[preferred];
  if (preferredSize !== numClasses && preferredSize !== 1 && dims[other] === numClasses) {
    return other;
  }
  return preferred;
}

/** Layout name of a rank-4 tensor whose channels lie on `axis`. */
export function layoutOfAxis(axis: 1 | 3): TensorLayout {
  return axis === 3 ? 'nhwc' : 'nchw';
}

/** Formats a shape as `[1,257,257,3]`. Symbolic dimensions keep their names. */
export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.join(',')}]`;
}

function isChannelCount(dim: Dim | undefined): boolean {
  return dim === 3 || dim === 1;
}
