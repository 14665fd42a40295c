import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import type { CheckRecord } from '../checks/types.js';
import { formatRejectedLayers, type DilatedLayer, type DilatedScan } from './dilated-layers.js';
import { installDilatedCalls } from './dilated-rewrite.js';

/** Check id of the dilated-convolution rewrite and its verification. */
export const DILATED_REWRITE_CHECK_ID = 'training.contract.dilated-rewrite';

/** Largest absolute difference allowed between the rewritten and the dilated forward pass. */
export const REWRITE_TOLERANCE = 1e-5;

/** Measurements of the space-to-batch rewrite's verification. */
export interface RewriteVerification {
  /** Largest absolute difference of the model outputs, rewrite against dilated ops. */
  readonly maxDifference: number;
  /** Variables of the rewritten layers that got no gradient, or a non-finite one. */
  readonly badGradients: readonly string[];
  readonly variableCount: number;
  readonly inputShape: readonly number[];
}

/**
 * Runs `model` on one seeded random normal input twice, with the dilated layers computed by the
 * dilated ops and by space-to-batch, and measures the largest output difference. Then takes the
 * gradient of the output sum with respect to the variables of the rewritten layers through the
 * space-to-batch form. The layers' own forward passes are back in place on return.
 */
export function verifyDilatedRewrite(
  model: tfl.LayersModel,
  layers: readonly DilatedLayer[],
  inputShape: readonly number[],
  seed: number,
): RewriteVerification {
  const input = tf.randomNormal([...inputShape], 0, 1, 'float32', seed);
  try {
    const reference = runWith(model, layers, 'direct', input);
    const rewritten = runWith(model, layers, 'space-to-batch', input);
    const maxDifference = tf.tidy(() => tf.max(tf.abs(tf.sub(reference, rewritten))).dataSync()[0]);
    reference.dispose();
    rewritten.dispose();

    const variables = layers.flatMap((entry) => entry.layer.trainableWeights);
    const badGradients = checkGradients(model, layers, input, variables);
    return {
      maxDifference: maxDifference ?? Number.NaN,
      badGradients,
      variableCount: variables.length,
      inputShape,
    };
  } finally {
    input.dispose();
  }
}

/**
 * Builds the `training.contract.dilated-rewrite` record: `pass` when no layer is dilated or the
 * rewrite verified, `fail` when a dilated layer cannot be rewritten or the verification failed.
 */
export function dilatedRewriteCheck(
  scan: DilatedScan,
  verification: RewriteVerification | null,
): CheckRecord {
  if (scan.rejected.length > 0) {
    return {
      id: DILATED_REWRITE_CHECK_ID,
      status: 'fail',
      message:
        `TensorFlow.js has no gradient for dilated convolutions, and these dilated layers cannot ` +
        `be rewritten as space-to-batch: ${formatRejectedLayers(scan.rejected)}. Train this model ` +
        'with Keras or TensorFlow in Python, or export it with these layers undilated.',
    };
  }
  if (scan.rewritable.length === 0 || verification === null) {
    return {
      id: DILATED_REWRITE_CHECK_ID,
      status: 'pass',
      message: 'The model has no dilated convolution, so nothing was rewritten.',
    };
  }
  return verifiedRecord(scan.rewritable, verification);
}

function verifiedRecord(layers: readonly DilatedLayer[], result: RewriteVerification): CheckRecord {
  const names = layers
    .map((entry) => `${entry.name} (${entry.className}, dilation ${entry.dilation.join('x')})`)
    .join(', ');
  const shape = `[${result.inputShape.join(',')}]`;
  const agrees = result.maxDifference <= REWRITE_TOLERANCE;
  const gradients = result.badGradients.length === 0;
  const depthwise = layers.some((entry) => entry.className === 'DepthwiseConv2D')
    ? ' NOTE: tfjs-layers 4.22 runs DepthwiseConv2D without its dilation rate at inference, so ' +
      'TensorFlow.js evaluations of this checkpoint compute those layers undilated, unlike Keras.'
    : '';

  const measured =
    `the largest output difference from the dilated ops is ${result.maxDifference.toExponential(2)} ` +
    `on a random ${shape} input (limit ${REWRITE_TOLERANCE.toExponential(0)})`;
  const gradientText = gradients
    ? `all ${result.variableCount} variables of these layers get finite gradients`
    : `these variables get no finite gradient: ${result.badGradients.join(', ')}`;

  return {
    id: DILATED_REWRITE_CHECK_ID,
    status: agrees && gradients ? 'pass' : 'fail',
    message:
      `Dilated layers ${names} are trained as space-to-batch, convolution with dilation 1 and ` +
      `batch-to-space; the saved checkpoint keeps their original config. ${capitalize(measured)}, ` +
      `and ${gradientText}.${depthwise}`,
  };
}

function runWith(
  model: tfl.LayersModel,
  layers: readonly DilatedLayer[],
  form: 'direct' | 'space-to-batch',
  input: Tensor,
): Tensor {
  const restore = installDilatedCalls(layers, form);
  try {
    return tf.tidy(() => firstOutput(model.predict(input)));
  } finally {
    restore();
  }
}

function checkGradients(
  model: tfl.LayersModel,
  layers: readonly DilatedLayer[],
  input: Tensor,
  variables: readonly tfl.LayerVariable[],
): string[] {
  const restore = installDilatedCalls(layers, 'space-to-batch');
  try {
    const targets = variables.map((variable) => variable.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(firstOutput(model.apply(input) as Tensor | Tensor[])) as tf.Scalar,
      targets,
    );
    value.dispose();

    const bad = targets
      .filter((variable) => {
        const gradient = grads[variable.name];
        return (
          gradient === undefined || !tf.tidy(() => tf.all(tf.isFinite(gradient)).dataSync()[0])
        );
      })
      .map((variable) => variable.name);
    tf.dispose(grads);
    return bad;
  } finally {
    restore();
  }
}

function firstOutput(output: Tensor | Tensor[]): Tensor {
  return Array.isArray(output) ? (output[0] as Tensor) : output;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
