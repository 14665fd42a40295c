/**
 * Measures the wall time of one training step of the shapes-tfjs network (batch 4, Adam, masked
 * sparse cross-entropy, the dilated layer through space-to-batch) and of one forward pass of the
 * same batch, at several input sizes on one TensorFlow.js backend. Run from the repository root:
 *
 *   node --import tsx examples/shapes-tfjs/measure-steps.ts cpu 32 64 128 256
 *
 * Prints one line per size: the mean and the fastest of 5 runs after 1 warm-up run, in ms. A
 * backend that cannot train (wasm) gets the forward pass only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { performance } from 'node:perf_hooks';

import { silentLogger } from '../../src/pipeline/logger.js';
import { selectBackend, type TfjsBackendName } from '../../src/segmenters/tfjs/backend.js';
import { missingGradientKernels } from '../../src/train/backend.js';
import { scanDilatedLayers } from '../../src/train/dilated-layers.js';
import { flattenLayers } from '../../src/train/layer-walk.js';
import { buildLoss, createOptimizer, createStepFunction } from '../../src/train/optimizer-step.js';
import { prepareTrainingGraph } from '../../src/train/training-graph.js';
import { buildShapesModel } from './make-initial.js';

const STEPS = 5;
const BATCH = 4;

interface Timing {
  readonly mean: number;
  readonly fastest: number;
}

async function time(run: () => Promise<void>): Promise<Timing> {
  await run();
  const times: number[] = [];
  for (let index = 0; index < STEPS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, fastest: Math.min(...times) };
}

async function measure(
  size: number,
  train: boolean,
): Promise<{ step: Timing | null; forward: Timing }> {
  const model = buildShapesModel(7, size);
  const graph = prepareTrainingGraph(
    model,
    { kind: 'none' },
    scanDilatedLayers(flattenLayers(model)).rewritable,
  );
  const loss = buildLoss({
    name: 'sparse-categorical-crossentropy',
    ignoreIndex: 255,
    classWeights: null,
  });
  const step = createStepFunction(
    graph.forward,
    loss,
    createOptimizer('adam', 0.01),
    graph.variables,
  );
  const half = size / 2;
  const batch = {
    ids: [],
    images: tf.randomUniform([BATCH, size, size, 3], 0, 1, 'float32', 1) as Tensor4D,
    labels: tf.randomUniform([BATCH, half, half], 0, 4, 'int32', 2),
    dispose: () => {},
  };

  const forward = await time(async () => {
    const output = graph.forward(batch.images);
    await output.data();
    output.dispose();
  });
  const stepTiming = train ? await time(async () => void (await step(batch))) : null;
  graph.release();
  model.dispose();
  return { step: stepTiming, forward };
}

function format(timing: Timing): string {
  return `mean ${timing.mean.toFixed(0)} ms, fastest ${timing.fastest.toFixed(0)} ms`;
}

const [backend = 'cpu', ...sizes] = process.argv.slice(2);
const selection = await selectBackend({
  requested: backend as TfjsBackendName,
  logger: silentLogger,
});
const train = missingGradientKernels(selection.name).length === 0;
for (const size of sizes.map(Number)) {
  const { step, forward } = await measure(size, train);
  const stepText = step ? `training step ${format(step)}` : 'training step: cannot train';
  console.log(
    `${selection.name} ${size}x${size} batch ${BATCH}: ${stepText}; forward ${format(forward)}`,
  );
}
