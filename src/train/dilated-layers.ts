import { layerClassName, layerConfigValue, type Layer } from './layer-walk.js';
import type { ConvPadding, Pair } from './space-to-batch.js';

/**
 * Finding the dilated convolution layers of a model, and deciding which of them the
 * space-to-batch rewrite can train.
 */

/** Layer classes whose dilated form the rewrite handles, with the name of their kernel weight. */
export const REWRITABLE_CLASSES = {
  Conv2D: 'kernel',
  DepthwiseConv2D: 'depthwise_kernel',
} as const;

export type RewritableClass = keyof typeof REWRITABLE_CLASSES;

/** Other convolution classes with a dilation rate, whose dilated form cannot be trained here. */
const OTHER_DILATED_CLASSES = [
  'Conv1D',
  'Conv3D',
  'SeparableConv2D',
  'SeparableConv1D',
  'Conv2DTranspose',
  'Conv3DTranspose',
];

/** A dilated Conv2D or DepthwiseConv2D layer with stride 1, which the rewrite can train. */
export interface DilatedLayer {
  readonly layer: Layer;
  readonly name: string;
  readonly className: RewritableClass;
  readonly dilation: Pair;
  readonly padding: ConvPadding;
  readonly channelsFirst: boolean;
}

/** A dilated layer that cannot be trained, with the reason. */
export interface RejectedLayer {
  readonly name: string;
  readonly className: string;
  readonly reason: string;
}

export interface DilatedScan {
  readonly rewritable: readonly DilatedLayer[];
  readonly rejected: readonly RejectedLayer[];
}

/**
 * Sorts the layers with a dilation rate above 1 into those the space-to-batch rewrite trains
 * (Conv2D and DepthwiseConv2D with strides 1) and those it cannot. It cannot train a dilated layer
 * with strides above 1, which has no space-to-batch form, nor dilated layers of other classes.
 */
export function scanDilatedLayers(layers: readonly Layer[]): DilatedScan {
  const rewritable: DilatedLayer[] = [];
  const rejected: RejectedLayer[] = [];

  for (const layer of layers) {
    const rates = ratesOf(layerConfigValue(layer, 'dilationRate'));
    if (rates.every((rate) => rate === 1)) {
      continue;
    }

    const className = layerClassName(layer);
    const verdict = classify(layer, className, rates);
    if (verdict.kind === 'rewritable') {
      rewritable.push(verdict.layer);
    } else {
      rejected.push({ name: layer.name, className, reason: verdict.reason });
    }
  }
  return { rewritable, rejected };
}

/** Formats rejected layers as `aspp (Conv2D): strides 2x2 with dilation 2x2`. */
export function formatRejectedLayers(rejected: readonly RejectedLayer[]): string {
  return rejected.map((entry) => `${entry.name} (${entry.className}): ${entry.reason}`).join('; ');
}

type Verdict =
  | { readonly kind: 'rewritable'; readonly layer: DilatedLayer }
  | { readonly kind: 'rejected'; readonly reason: string };

function classify(layer: Layer, className: string, rates: readonly number[]): Verdict {
  const rate = rates.join('x');
  const dilation = pairOf(rates);
  if (!isRewritableClass(className) || dilation === null) {
    const known = OTHER_DILATED_CLASSES.includes(className) ? '' : ' (unknown layer class)';
    return {
      kind: 'rejected',
      reason: `dilation ${rate}${known}; only Conv2D and DepthwiseConv2D are rewritten`,
    };
  }

  const strides = pairOf(layerConfigValue(layer, 'strides')) ?? [1, 1];
  if (strides[0] !== 1 || strides[1] !== 1) {
    return {
      kind: 'rejected',
      reason: `strides ${strides[0]}x${strides[1]} with dilation ${rate}; space-to-batch needs strides 1`,
    };
  }

  const padding = layerConfigValue(layer, 'padding');
  if (padding !== 'same' && padding !== 'valid') {
    return {
      kind: 'rejected',
      reason: `padding ${String(padding)}; only same and valid are rewritten`,
    };
  }

  return {
    kind: 'rewritable',
    layer: {
      layer,
      name: layer.name,
      className,
      dilation,
      padding,
      channelsFirst: layerConfigValue(layer, 'dataFormat') === 'channelsFirst',
    },
  };
}

function isRewritableClass(className: string): className is RewritableClass {
  return Object.hasOwn(REWRITABLE_CLASSES, className);
}

/** Returns the numbers of a dilation rate given as a number or a list; [] for anything else. */
function ratesOf(value: unknown): number[] {
  if (typeof value === 'number') {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.filter((entry): entry is number => typeof entry === 'number');
  }
  return [];
}

function pairOf(value: unknown): Pair | null {
  if (typeof value === 'number') {
    return [value, value];
  }
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'number') {
    return [value[0], value[0]];
  }
  if (Array.isArray(value) && value.length === 2) {
    const [height, width] = value as unknown[];
    if (typeof height === 'number' && typeof width === 'number') {
      return [height, width];
    }
  }
  return null;
}
