import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { configValues, readConfigFile } from '../../../src/config/config-file.js';
import { validateConfigContent } from '../../../src/config/config-schema.js';
import { EVALUATE_OPTIONS } from '../../../src/config/evaluate-options.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { createTempDir, errorOf, rejectionOf, type TempDir } from './helpers.js';

let temp: TempDir;
beforeEach(async () => {
  temp = await createTempDir();
});
afterEach(async () => {
  await temp.remove();
});

describe('readConfigFile', () => {
  it('reads YAML', async () => {
    const path = await temp.write(
      'seg-gate.yml',
      'data: VOC2012\nnumClasses: 21\nclassNames:\n  - a\n  - b\nskipMissing: true\n',
    );
    expect(await readConfigFile(path)).toEqual({
      data: 'VOC2012',
      numClasses: 21,
      classNames: ['a', 'b'],
      skipMissing: true,
    });
  });

  it('reads JSON', async () => {
    const path = await temp.write('seg-gate.json', '{ "model": "m.onnx", "inputSize": "513x513" }');
    expect(await readConfigFile(path)).toEqual({ model: 'm.onnx', inputSize: '513x513' });
  });

  it('reads the .yaml extension in any case', async () => {
    const path = await temp.write('SEG-GATE.YAML', 'threads: 2\n');
    expect(await readConfigFile(path)).toEqual({ threads: 2 });
  });

  it('rejects other extensions', async () => {
    const path = await temp.write('seg-gate.toml', 'threads = 2\n');
    const error = await rejectionOf(readConfigFile(path));
    expect(error).toBeInstanceOf(UsageError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(
      `"Invalid value for --config: expected a file ending in .json, .yml or .yaml, received "<tmp>/seg-gate.toml"."`,
    );
  });

  it('reports a missing file as an input error', async () => {
    const error = await rejectionOf(readConfigFile(`${temp.path}/absent.yml`));
    expect(error).toBeInstanceOf(InputError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(
      `"Cannot read config file <tmp>/absent.yml: ENOENT: no such file or directory, open '<tmp>/absent.yml'. Check the path given to --config."`,
    );
  });

  it('names the line of a YAML syntax error', async () => {
    const path = await temp.write('bad.yml', 'data: VOC2012\nclassNames: [a, b\nnumClasses: 2\n');
    const error = await rejectionOf(readConfigFile(path));
    expect(error).toBeInstanceOf(UsageError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(`
      "Cannot parse config file <tmp>/bad.yml as YAML:
        Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:
      Fix the YAML syntax at these lines."
    `);
  });

  it('rejects duplicate YAML keys', async () => {
    const path = await temp.write('dup.yml', 'threads: 2\nthreads: 4\n');
    const error = await rejectionOf(readConfigFile(path));
    expect(temp.mask(error.message)).toMatchInlineSnapshot(`
      "Cannot parse config file <tmp>/dup.yml as YAML:
        Map keys must be unique at line 2, column 1:
      Fix the YAML syntax at these lines."
    `);
  });

  it('names the line of a JSON syntax error', async () => {
    const path = await temp.write('bad.json', '{\n  "threads": 2,\n}\n');
    const error = await rejectionOf(readConfigFile(path));
    expect(error).toBeInstanceOf(UsageError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(
      `"Cannot parse config file <tmp>/bad.json as JSON: Expected double-quoted property name in JSON at position 18 (line 3, column 1). Fix the syntax, or use a .yml file for YAML."`,
    );
  });

  it('reports every schema violation at once', async () => {
    const path = await temp.write(
      'many.yml',
      [
        'numClasses: 3.5',
        'normalize: keras',
        'inputSize: 513',
        'ignoreIndex: -1',
        'classNames: 7',
        'skipMissing: "yes"',
        'numClass: 3',
        'data: ""',
      ].join('\n'),
    );
    const error = await rejectionOf(readConfigFile(path));
    expect(error).toBeInstanceOf(UsageError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/many.yml (8 problems):
        /numClass: unknown key (did you mean numClasses?)
        /data: must not be empty
        /skipMissing: must be boolean
        /numClasses: must be integer
        /classNames: must be array or string
        /ignoreIndex: must be >= 0
        /normalize: must be one of tf, torch, caffe, unit, none
        /inputSize: must be string
        Known keys: data, split, ids, images, labels, limit, skipMissing, maxPixels, model, predictions, numClasses, classNames, ignoreIndex, labelMap, normalize, channelOrder, inputSize, resize, layout, upsample, device, threads, backend, threshold, checks, classThresholds, minMiou, minClassIou, minClassRecall, baseline, maxMiouDrop, maxClassIouDrop, bootstrapResamples, bootstrapSeed, dominantClassShare, dominantClassExcess, missingClassesFailFraction, singleClassImagesFailFraction, trivialMiouMargin, interpolatedMaxInterior, interpolatedMinBetween, interpolatedMinPixels, ignoredShareWarn, ignoredShareFail, maxAbsLogit, constantMinImages, report, summary, savePredictions, progress, overlays, overlaysDir.
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });

  it('rejects a document that is not a mapping', async () => {
    const list = await temp.write('list.yml', '- data\n- model\n');
    expect(temp.mask((await rejectionOf(readConfigFile(list))).message)).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/list.yml (1 problem):
        (root): must be object
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);

    const empty = await temp.write('empty.yml', '');
    expect(temp.mask((await rejectionOf(readConfigFile(empty))).message)).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/empty.yml (1 problem):
        (root): must be object
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });
});

describe('validateConfigContent', () => {
  it('suggests the closest known key', () => {
    const error = errorOf(() =>
      validateConfigContent({ num_classes: 3, IgnoreIndex: 4, zzz: 1 }, '/c.yml'),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid config file /c.yml (3 problems):
        /num_classes: unknown key (did you mean numClasses?)
        /IgnoreIndex: unknown key (did you mean ignoreIndex?)
        /zzz: unknown key
        Known keys: data, split, ids, images, labels, limit, skipMissing, maxPixels, model, predictions, numClasses, classNames, ignoreIndex, labelMap, normalize, channelOrder, inputSize, resize, layout, upsample, device, threads, backend, threshold, checks, classThresholds, minMiou, minClassIou, minClassRecall, baseline, maxMiouDrop, maxClassIouDrop, bootstrapResamples, bootstrapSeed, dominantClassShare, dominantClassExcess, missingClassesFailFraction, singleClassImagesFailFraction, trivialMiouMargin, interpolatedMaxInterior, interpolatedMinBetween, interpolatedMinPixels, ignoredShareWarn, ignoredShareFail, maxAbsLogit, constantMinImages, report, summary, savePredictions, progress, overlays, overlaysDir.
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });

  it('escapes JSON Pointer characters in unknown keys', () => {
    const error = errorOf(() => validateConfigContent({ 'a/b~c': 1 }, '/c.json'));
    expect(error.message).toContain('  /a~1b~0c: unknown key');
  });

  it('reports duplicate class names in an array', () => {
    const error = errorOf(() => validateConfigContent({ classNames: ['a', 'b', 'a'] }, '/c.json'));
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid config file /c.json (1 problem):
        /classNames: must NOT have duplicate items (items ## 2 and 0 are identical)
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });
});

describe('configValues', () => {
  it('resolves paths against the config folder', async () => {
    const path = await temp.write(
      'configs/seg-gate.yml',
      [
        'data: ../VOC2012',
        'ids: lists/ids.txt',
        'model: /models/m.onnx',
        'report: out/report.json',
        'summary: out/summary.md',
        'savePredictions: out/masks',
        'classNames: "@names.txt"',
      ].join('\n'),
    );
    const values = configValues(await readConfigFile(path), EVALUATE_OPTIONS, path);
    const origin = { kind: 'config', path };

    expect(values.data).toEqual({ value: `${temp.path}/VOC2012`, origin });
    expect(values.ids).toEqual({ value: `${temp.path}/configs/lists/ids.txt`, origin });
    expect(values.model).toEqual({ value: '/models/m.onnx', origin });
    expect(values.report?.value).toBe(`${temp.path}/configs/out/report.json`);
    expect(values.summary?.value).toBe(`${temp.path}/configs/out/summary.md`);
    expect(values.savePredictions?.value).toBe(`${temp.path}/configs/out/masks`);
    expect(values.classNames?.value).toEqual({
      kind: 'file',
      path: `${temp.path}/configs/names.txt`,
    });
  });

  it('parses sizes, lists and switches', async () => {
    const path = await temp.write(
      'seg-gate.json',
      JSON.stringify({
        inputSize: '320x240',
        classNames: ['bg', 'fg'],
        skipMissing: false,
        normalize: 'torch',
        threads: 4,
      }),
    );
    const values = configValues(await readConfigFile(path), EVALUATE_OPTIONS, path);

    expect(values.inputSize?.value).toEqual({ width: 320, height: 240 });
    expect(values.classNames?.value).toEqual({ kind: 'list', names: ['bg', 'fg'] });
    expect(values.skipMissing?.value).toBe(false);
    expect(values.normalize?.value).toBe('torch');
    expect(values.threads?.value).toBe(4);
    expect(values.data).toBeUndefined();
  });

  it('names the config key in value errors', async () => {
    const path = await temp.write('seg-gate.yml', 'data: "   "\n');
    const error = errorOf(() => configValues({ data: '   ' }, EVALUATE_OPTIONS, path));
    expect(error).toBeInstanceOf(UsageError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(
      `"Invalid value for data in <tmp>/seg-gate.yml: expected a folder path, received "   "."`,
    );
  });
});
