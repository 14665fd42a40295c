import type { Tensor, Tensor4D, Variable } from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import type { DilatedLayer } from './dilated-layers.js';
import { installDilatedCalls } from './dilated-rewrite.js';
import { stripFinalSoftmax, type FinalSoftmax } from './final-softmax.js';

/** The forward pass that training differentiates, over the model's own variables. */
export interface TrainingGraph {
  /** Runs the model on NHWC images and returns the logits [B,H,W,C]. */
  forward(images: Tensor4D): Tensor4D;
  /** The model's trainable variables, which the optimizer updates in place. */
  readonly variables: readonly Variable[];
  /** Puts the model's own forward passes and activations back, as saving needs. */
  release(): void;
}

/**
 * Prepares `model` for training in memory: the final softmax, if given, is left out of the
 * forward pass, and dilated layers run as space-to-batch. The topology, config and variables
 * stay those of the original model, so `release` followed by `save` writes the original form.
 */
export function prepareTrainingGraph(
  model: tfl.LayersModel,
  softmax: FinalSoftmax,
  dilated: readonly DilatedLayer[],
): TrainingGraph {
  const stripped = stripFinalSoftmax(model, softmax);
  const restoreCalls = installDilatedCalls(dilated, 'space-to-batch');
  const variables = model.trainableWeights.map((weight) => weight.read() as Variable);

  return {
    forward: (images) => firstOutput(stripped.model.apply(images) as Tensor | Tensor[]) as Tensor4D,
    variables,
    release: () => {
      restoreCalls();
      stripped.restore();
    },
  };
}

function firstOutput(output: Tensor | Tensor[]): Tensor {
  return Array.isArray(output) ? (output[0] as Tensor) : output;
}
