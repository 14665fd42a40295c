import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';

import { REWRITABLE_CLASSES, type DilatedLayer } from './dilated-layers.js';
import { spaceToBatchConv2d, spaceToBatchDepthwiseConv2d } from './space-to-batch.js';

/**
 * Replaces the forward pass of dilated layers in memory. The layers keep their variables, names
 * and config, so the model saves into its original topology.
 *
 * `space-to-batch` computes each dilated layer as space-to-batch, convolution with dilation 1 and
 * batch-to-space, which has gradients in TensorFlow.js. `direct` computes it with the dilated op
 * itself (`tf.conv2d` or `tf.depthwiseConv2d` with dilations), which has no gradient.
 *
 * `direct` is the reference that `space-to-batch` is checked against. For Conv2D it is what
 * TensorFlow.js runs anyway. For DepthwiseConv2D it is what Keras runs: the DepthwiseConv2D layer
 * of tfjs-layers 4.22 passes no dilation to the op, so TensorFlow.js runs it undilated.
 */
export type DilatedForm = 'space-to-batch' | 'direct';

/** An activation function object of a tfjs-layers layer. */
interface ActivationLike {
  apply(tensor: Tensor): Tensor;
}

type LayerCall = (inputs: Tensor | Tensor[]) => Tensor;

/**
 * Installs `form` as the forward pass of each layer and returns a function that puts the layers'
 * own forward passes back.
 */
export function installDilatedCalls(
  layers: readonly DilatedLayer[],
  form: DilatedForm,
): () => void {
  for (const entry of layers) {
    Object.defineProperty(entry.layer, 'call', {
      value: dilatedCall(entry, form),
      configurable: true,
      writable: true,
    });
  }
  return () => {
    for (const entry of layers) {
      Reflect.deleteProperty(entry.layer, 'call');
    }
  };
}

function dilatedCall(entry: DilatedLayer, form: DilatedForm): LayerCall {
  const kernel = findWeight(entry, REWRITABLE_CLASSES[entry.className]);
  const bias = findOptionalWeight(entry, 'bias');
  // The activation is read at each call, because stripping a final softmax swaps it.
  const holder = entry.layer as unknown as { activation?: ActivationLike | null };
  const convolve = convolution(entry, form);

  return (inputs) =>
    tf.tidy(() => {
      const input = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor4D;
      const nhwc = entry.channelsFirst ? tf.transpose(input, [0, 2, 3, 1]) : input;

      let output: Tensor = convolve(nhwc, kernel.read() as Tensor4D);
      if (bias !== null) {
        output = tf.add(output, bias.read());
      }
      if (entry.channelsFirst) {
        output = tf.transpose(output, [0, 3, 1, 2]);
      }
      return holder.activation ? holder.activation.apply(output) : output;
    });
}

function convolution(
  entry: DilatedLayer,
  form: DilatedForm,
): (x: Tensor4D, kernel: Tensor4D) => Tensor4D {
  const { dilation, padding } = entry;
  const rates: [number, number] = [dilation[0], dilation[1]];
  if (entry.className === 'Conv2D') {
    return form === 'direct'
      ? (x, kernel) => tf.conv2d(x, kernel, 1, padding, 'NHWC', rates)
      : (x, kernel) => spaceToBatchConv2d(x, kernel, dilation, padding);
  }
  return form === 'direct'
    ? (x, kernel) => tf.depthwiseConv2d(x, kernel, 1, padding, 'NHWC', rates)
    : (x, kernel) => spaceToBatchDepthwiseConv2d(x, kernel, dilation, padding);
}

function findWeight(entry: DilatedLayer, suffix: string): LayerVariable {
  const found = findOptionalWeight(entry, suffix);
  if (found === null) {
    const names = entry.layer.weights.map((weight) => weight.originalName).join(', ');
    throw new Error(`Layer ${entry.name} has no ${suffix} weight among [${names}]`);
  }
  return found;
}

function findOptionalWeight(entry: DilatedLayer, suffix: string): LayerVariable | null {
  return entry.layer.weights.find((weight) => weight.originalName.endsWith(`/${suffix}`)) ?? null;
}
