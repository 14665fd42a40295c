import type { Tensor } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import { layerClassName, layerConfigValue, type Layer } from './layer-walk.js';

/**
 * Finding a softmax at the end of a model, and removing it from the training forward pass. The
 * training loss works on logits, so a softmax in front of it would apply twice.
 */

/** The location of a model's final softmax, if it has one. */
export type FinalSoftmax =
  | { readonly kind: 'none' }
  /** A `Softmax` layer or an `Activation` layer with `softmax`, as the output layer. */
  | {
      readonly kind: 'layer';
      readonly layerName: string;
      readonly className: string;
      /** The tensor that enters the softmax: the logits. */
      readonly logits: tfl.SymbolicTensor;
    }
  /** An output layer, such as Conv2D, whose own `activation` is `softmax`. */
  | {
      readonly kind: 'activation';
      readonly layer: Layer;
      readonly layerName: string;
      readonly className: string;
    };

/** Looks at the layer that produces the model's first output. */
export function findFinalSoftmax(model: tfl.LayersModel): FinalSoftmax {
  const output = model.outputs[0];
  const layer = output?.sourceLayer as Layer | undefined;
  if (layer === undefined) {
    return { kind: 'none' };
  }

  const className = layerClassName(layer);
  const activation = layerConfigValue(layer, 'activation');
  const isSoftmaxLayer =
    className === 'Softmax' || (className === 'Activation' && activation === 'softmax');
  if (isSoftmaxLayer) {
    const input = layer.input;
    const logits = Array.isArray(input) ? input[0] : input;
    if (logits !== undefined) {
      return { kind: 'layer', layerName: layer.name, className, logits };
    }
  }

  if (activation === 'softmax') {
    return { kind: 'activation', layer, layerName: layer.name, className };
  }
  return { kind: 'none' };
}

/** Describes the softmax for messages: `layer probs (Softmax)`. */
export function describeFinalSoftmax(found: Exclude<FinalSoftmax, { kind: 'none' }>): string {
  return found.kind === 'layer'
    ? `the output layer ${found.layerName} (${found.className})`
    : `the activation softmax of the output layer ${found.layerName} (${found.className})`;
}

/** The part of the model that training runs, and how to undo the change. */
export interface StrippedModel {
  /** The model up to the logits; the same layers and variables as the full model. */
  readonly model: tfl.LayersModel;
  readonly restore: () => void;
}

/**
 * Returns a forward pass that ends at the logits. For a softmax layer that is a model over the
 * same layers that outputs the softmax input. For a softmax activation, the layer's activation is
 * replaced by the identity until `restore` is called, and its saved config keeps softmax.
 */
export function stripFinalSoftmax(model: tfl.LayersModel, found: FinalSoftmax): StrippedModel {
  if (found.kind === 'none') {
    return { model, restore: () => {} };
  }
  if (found.kind === 'layer') {
    const logitsModel = tfl.model({ inputs: model.inputs, outputs: found.logits });
    return { model: logitsModel, restore: () => {} };
  }

  // The activation is an own property that the constructor set, so restoring means writing back.
  const holder = found.layer as unknown as { activation: unknown };
  const original = holder.activation;
  holder.activation = IDENTITY_ACTIVATION;
  return {
    model,
    restore: () => {
      holder.activation = original;
    },
  };
}

/** The identity, in the shape of a tfjs-layers activation (`linear` maps to no fused op). */
const IDENTITY_ACTIVATION = {
  apply: (tensor: Tensor): Tensor => tensor,
  getClassName: (): string => 'linear',
};
