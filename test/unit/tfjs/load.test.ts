import * as tf from '@tensorflow/tfjs-core';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { InputError, UsageError } from '../../../src/errors.js';
import { selectBackend } from '../../../src/segmenters/tfjs/backend.js';
import { loadTfjsModel } from '../../../src/segmenters/tfjs/load.js';
import type { LoadedTfjsModel } from '../../../src/segmenters/tfjs/load.js';
import { decideJsonFormat, locateTfjsModel } from '../../../src/segmenters/tfjs/model-path.js';
import {
  FIXTURE_MODELS,
  GRAPH_BIAS,
  writeTfjsFixtures,
} from '../../fixtures/tfjs/make-fixtures.js';
import { TFJS_FIXTURES, copyFixture, recordingLogger, temporaryFolder } from './support.js';

let folder: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  await selectBackend({ requested: 'cpu', logger: recordingLogger() });
  folder = await temporaryFolder();
});

afterAll(async () => {
  await folder.remove();
});

async function loadModel(path: string): Promise<LoadedTfjsModel> {
  const loaded = await loadTfjsModel(path, { tfjsNode: null });
  if (loaded.kind !== 'model') {
    throw new Error(`expected a model, got the finding ${loaded.finding.detail}`);
  }
  return loaded.model;
}

async function editJson(path: string, edit: (json: Record<string, unknown>) => void) {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(path, JSON.stringify(json));
}

describe('fixture models', () => {
  it('match what the script writes', async () => {
    const fresh = join(folder.path, 'fresh');
    await writeTfjsFixtures(fresh);

    for (const name of FIXTURE_MODELS) {
      const files = await readdir(join(fresh, name));
      expect(files.sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
      for (const file of files) {
        const committed = await readFile(join(TFJS_FIXTURES, name, file));
        const written = await readFile(join(fresh, name, file));
        expect(committed.equals(written), `${name}/${file} differs from make-fixtures.ts`).toBe(
          true,
        );
      }
    }
  });

  it('stay a few kilobytes', async () => {
    for (const name of FIXTURE_MODELS) {
      for (const file of await readdir(join(TFJS_FIXTURES, name))) {
        const bytes = (await readFile(join(TFJS_FIXTURES, name, file))).length;
        expect(bytes, `${name}/${file}`).toBeLessThan(4096);
      }
    }
  });
});

describe('loadTfjsModel', () => {
  it('loads the layers fixture', async () => {
    const model = await loadModel(join(TFJS_FIXTURES, 'layers', 'model.json'));

    expect(model.format).toBe('layers-model');
    expect(model.input).toEqual({ name: 'image', shape: [null, 8, 8, 3], dtype: 'float32' });
    expect(model.outputs.map((output) => output.shape)).toEqual([[null, 8, 8, 3]]);
    model.dispose();
  });

  it('loads the graph fixture from its folder', async () => {
    const model = await loadModel(join(TFJS_FIXTURES, 'graph'));

    expect(model.format).toBe('graph-model');
    expect(model.path).toBe(join(TFJS_FIXTURES, 'graph', 'model.json'));
    expect(model.input.shape).toEqual([null, 8, 8, 3]);

    const input = tf.zeros([1, 8, 8, 3]);
    const output = await model.run(input);
    expect(output.shape).toEqual([1, 8, 8, 2]);
    const values = await output.data();
    expect(values[0]).toBeCloseTo(GRAPH_BIAS[0], 6);
    expect(values[1]).toBeCloseTo(GRAPH_BIAS[1], 6);
    input.dispose();
    output.dispose();
    model.dispose();
  });

  it('runs the graph fixture on red', async () => {
    const model = await loadModel(join(TFJS_FIXTURES, 'graph', 'model.json'));
    const red = tf.tidy(() => tf.tile(tf.tensor4d([1, 0, 0], [1, 1, 1, 3]), [2, 8, 8, 1]));

    const output = await model.run(red);

    expect(output.shape).toEqual([2, 8, 8, 2]);
    const values = await output.data();
    // The filter sends red to class 0 with weight 1 and to class 1 with weight 0.
    expect(values[0]).toBeCloseTo(1 + GRAPH_BIAS[0], 6);
    expect(values[1]).toBeCloseTo(0 + GRAPH_BIAS[1], 6);
    red.dispose();
    output.dispose();
    model.dispose();
  });

  it('loads the custom bilinear layer', async () => {
    const model = await loadModel(join(TFJS_FIXTURES, 'bilinear', 'model.json'));
    const input = tf.randomUniform([1, 4, 4, 3], 0, 1, 'float32', 3);

    const output = await model.run(input);

    expect(model.outputs[0]?.shape).toEqual([null, 8, 8, 2]);
    expect(output.shape).toEqual([1, 8, 8, 2]);
    input.dispose();
    output.dispose();
    model.dispose();
  });

  it('names unknown layer classes', async () => {
    const path = await copyFixture('layers', join(folder.path, 'unknown'));
    await editJson(path, (json) => {
      const topology = json['modelTopology'] as { config: { layers: { class_name: string }[] } };
      const layers = topology.config.layers;
      (layers[2] as { class_name: string }).class_name = 'SyncBatchNormalization';
      (layers[3] as { class_name: string }).class_name = 'Lambda';
    });

    const loaded = await loadTfjsModel(path, { tfjsNode: null });

    expect(loaded.kind).toBe('finding');
    if (loaded.kind === 'finding') {
      expect(loaded.finding.source).toBe('model');
      expect(loaded.finding.kind).toBe('output');
      expect(loaded.finding.subject).toBe(path);
      expect(loaded.finding.detail).toContain(
        'layer classes TensorFlow.js does not know: SyncBatchNormalization (norm), Lambda (dropout)',
      );
      expect(loaded.finding.detail).toContain('BilinearUpsampling, BilinearUpSampling2D');
    }
  });

  it('finds unknown classes in nested models and wrappers', async () => {
    const path = await copyFixture('layers', join(folder.path, 'nested'));
    await editJson(path, (json) => {
      const topology = json['modelTopology'] as { config: { layers: unknown[] } };
      topology.config.layers.push({
        name: 'inner_model',
        class_name: 'Sequential',
        config: {
          name: 'inner_model',
          layers: [
            {
              class_name: 'TimeDistributed',
              config: {
                name: 'wrapped',
                layer: { class_name: 'ResizeImages', config: { name: 'resize' } },
              },
            },
          ],
        },
      });
    });

    const loaded = await loadTfjsModel(path, { tfjsNode: null });

    expect(loaded.kind).toBe('finding');
    const detail = loaded.kind === 'finding' ? loaded.finding.detail : '';
    expect(detail).toContain('does not know: ResizeImages (resize);');
  });

  it('rejects a weight byte mismatch', async () => {
    const path = await copyFixture('graph', join(folder.path, 'short'));
    await writeFile(
      join(folder.path, 'short', 'graph', 'group1-shard1of1.bin'),
      new Uint8Array(28),
    );

    const loading = loadTfjsModel(path, { tfjsNode: null });

    await expect(loading).rejects.toThrow(InputError);
    await expect(loading).rejects.toThrow(
      "hold 28 bytes (group1-shard1of1.bin 28 bytes) but the manifest's weights need 32 bytes " +
        '(4 bytes missing)',
    );
  });

  it('rejects a missing shard', async () => {
    const path = await copyFixture('layers', join(folder.path, 'missing'));
    await rm(join(folder.path, 'missing', 'layers', 'group1-shard1of1.bin'));

    await expect(loadTfjsModel(path, { tfjsNode: null })).rejects.toThrow(
      'listed as "group1-shard1of1.bin" in weightsManifest of',
    );
  });

  it('rejects a weight path outside the folder', async () => {
    const path = await copyFixture('graph', join(folder.path, 'escape'));
    await editJson(path, (json) => {
      const manifest = json['weightsManifest'] as { paths: string[] }[];
      (manifest[0] as { paths: string[] }).paths = ['../../secret.bin'];
    });

    await expect(loadTfjsModel(path, { tfjsNode: null })).rejects.toThrow(
      'Weight path "../../secret.bin" in',
    );
  });

  it('rejects a format that contradicts the topology', async () => {
    const path = await copyFixture('graph', join(folder.path, 'contradiction'));
    await editJson(path, (json) => {
      json['format'] = 'layers-model';
    });

    await expect(loadTfjsModel(path, { tfjsNode: null })).rejects.toThrow(
      'declares format "layers-model" but its modelTopology is a GraphDef (graph model)',
    );
  });

  it('decides an old file by its topology', async () => {
    const path = await copyFixture('layers', join(folder.path, 'no-format'));
    await editJson(path, (json) => {
      delete json['format'];
    });

    const model = await loadModel(path);

    expect(model.format).toBe('layers-model');
    model.dispose();
  });

  it('rejects a JSON that is no model', async () => {
    const path = join(folder.path, 'config.json');
    await writeFile(path, JSON.stringify({ classes: 21 }));

    await expect(loadTfjsModel(path, { tfjsNode: null })).rejects.toThrow(
      `Model JSON ${path} has no modelTopology object`,
    );
  });

  it('rejects a malformed manifest', async () => {
    const path = await copyFixture('graph', join(folder.path, 'bad-manifest'));
    await editJson(path, (json) => {
      const manifest = json['weightsManifest'] as { weights: { shape: unknown }[] }[];
      const first = (manifest[0] as { weights: { shape: unknown }[] }).weights[0];
      (first as { shape: unknown }).shape = [1, -1];
    });

    await expect(loadTfjsModel(path, { tfjsNode: null })).rejects.toThrow(
      `Invalid weights manifest in ${path}: weightsManifest[0].weights[0].shape is not a list of ` +
        'non-negative integers.',
    );
  });

  it('rejects a missing model', async () => {
    const path = join(folder.path, 'nothing', 'model.json');

    await expect(loadTfjsModel(path, { tfjsNode: null })).rejects.toThrow(
      `Model ${path} was not found.`,
    );
  });

  it('asks for tfjs-node for a SavedModel', async () => {
    const savedModel = join(folder.path, 'saved');
    await copyFixture('graph', savedModel);
    await writeFile(join(savedModel, 'saved_model.pb'), new Uint8Array(4));

    const loading = loadTfjsModel(savedModel, { tfjsNode: null });

    await expect(loading).rejects.toThrow(UsageError);
    await expect(loading).rejects.toThrow(
      'is a TensorFlow SavedModel, which loads only on the tensorflow backend of ' +
        '@tensorflow/tfjs-node: install it with `npm install @tensorflow/tfjs-node` (or ' +
        '`@tensorflow/tfjs-node-gpu` for CUDA); their install step downloads libtensorflow',
    );
  });
});

describe('locateTfjsModel', () => {
  it('finds model.json in a folder', () => {
    expect(locateTfjsModel(join(TFJS_FIXTURES, 'graph'))).toEqual({
      kind: 'json',
      jsonPath: join(TFJS_FIXTURES, 'graph', 'model.json'),
    });
  });

  it('finds a SavedModel by its folder or file', async () => {
    const savedModel = join(folder.path, 'locate-saved');
    await mkdir(savedModel);
    await writeFile(join(savedModel, 'saved_model.pb'), new Uint8Array(1));

    expect(locateTfjsModel(savedModel)).toEqual({ kind: 'saved-model', folder: savedModel });
    expect(locateTfjsModel(join(savedModel, 'saved_model.pb'))).toEqual({
      kind: 'saved-model',
      folder: savedModel,
    });
  });

  it('rejects a folder without a model', async () => {
    const empty = join(folder.path, 'locate-empty');
    await mkdir(empty);

    expect(() => locateTfjsModel(empty)).toThrow(
      `Model folder ${empty} contains neither model.json nor saved_model.pb.`,
    );
  });

  it('rejects another file type', async () => {
    const weights = join(TFJS_FIXTURES, 'graph', 'group1-shard1of1.bin');

    expect(() => locateTfjsModel(weights)).toThrow(
      `Model ${weights} is neither a TensorFlow.js model JSON (*.json) nor a SavedModel`,
    );
  });
});

describe('decideJsonFormat', () => {
  it('reads the format of a file without topology hints', () => {
    expect(decideJsonFormat('m.json', 'graph-model', {})).toBe('graph-model');
  });

  it('rejects a file with neither', () => {
    expect(() => decideJsonFormat('m.json', undefined, { nodes: [] })).toThrow(
      'Model JSON m.json is neither a layers model nor a graph model: format is missing and ' +
        'modelTopology has neither class_name/model_config (Keras) nor node (GraphDef).',
    );
  });
});
