import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_IMAGE_ANALYSIS_OPTIONS } from '../../../src/checks/defaults.js';
import { CHECK_IDS } from '../../../src/checks/ids.js';
import { parseEvaluateCommand } from '../../../src/cli/program.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import { UsageError } from '../../../src/errors.js';
import { createTempDir, rejectionOf, type TempDir } from '../config/helpers.js';

const CWD = '/work/project';
const VOC_MODEL = ['--data', 'VOC2012', '--model', 'model.onnx'];

async function usageMessage(argv: readonly string[], cwd = CWD): Promise<string> {
  const error = await rejectionOf(parseEvaluateCommand(argv, cwd));
  expect(error).toBeInstanceOf(UsageError);
  return error.message;
}

describe('parseEvaluateCommand model input', () => {
  it('reads --backend', async () => {
    for (const backend of ['tensorflow', 'wasm', 'cpu'] as const) {
      const settings = await parseEvaluateCommand([...VOC_MODEL, '--backend', backend], CWD);
      expect(settings.input.backend).toBe(backend);
    }
  });

  it('reads --threshold', async () => {
    const settings = await parseEvaluateCommand([...VOC_MODEL, '--threshold', '.35'], CWD);
    expect(settings.input.threshold).toBe(0.35);
  });

  it('locks the input messages', async () => {
    expect(await usageMessage([...VOC_MODEL, '--backend', 'webgl'])).toMatchInlineSnapshot(
      `"Invalid value for --backend: expected one of tensorflow, wasm, cpu, received "webgl"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--threshold', '1'])).toMatchInlineSnapshot(
      `"Invalid value for --threshold: expected a number above 0 and below 1, received "1"."`,
    );
  });
});

describe('parseEvaluateCommand label map', () => {
  it('keeps the default ignore index', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--num-classes', '2', '--label-map', '15:1,*:0'],
      CWD,
    );
    const lookup = settings.labelMap?.lookup;
    expect(settings.labelMap?.text).toBe('15:1,*:0');
    expect(lookup?.[15]).toBe(1);
    expect(lookup?.[0]).toBe(0);
    expect(lookup?.[7]).toBe(0);
    expect(lookup?.[255]).toBe(255);
  });

  it('keeps a custom ignore index', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--num-classes', '2', '--ignore-index', '2', '--label-map', '15:1,*:0'],
      CWD,
    );
    const lookup = settings.labelMap?.lookup;
    expect(lookup?.[2]).toBe(2);
    expect(lookup?.[255]).toBe(0);
  });

  it('maps a listed ignore index', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--num-classes', '2', '--label-map', '255:0,*:1'],
      CWD,
    );
    expect(settings.labelMap?.lookup[255]).toBe(0);
    expect(settings.labelMap?.lookup[3]).toBe(1);
  });

  it('accepts the ignore index as target', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--num-classes', '2', '--label-map', '15:1,5:255'],
      CWD,
    );
    expect(settings.labelMap?.lookup[5]).toBe(255);
    expect(settings.labelMap?.fallback).toBeNull();
  });

  it('rejects targets outside the classes', async () => {
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '2', '--label-map', '15:1,*:2']),
    ).toMatchInlineSnapshot(
      `"--label-map maps * to 2, but class ids run from 0 to 1 because --num-classes is 2, and the ignore index is 255. Map to a class id or to the ignore index, or raise the class count to cover the ids after the map."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--label-map', '15:21'])).toMatchInlineSnapshot(
      `"--label-map maps 15 to 21, but class ids run from 0 to 20 because --num-classes is 21 (the default), and the ignore index is 255. Map to a class id or to the ignore index, or raise the class count to cover the ids after the map."`,
    );
  });

  it('locks the syntax messages', async () => {
    expect(await usageMessage([...VOC_MODEL, '--label-map', '15=1'])).toMatchInlineSnapshot(
      `"Invalid value for --label-map: expected comma-separated SRC:DST pairs of class ids 0..255, with * as SRC for every id not listed (for example 15:1,*:0), received "15=1"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--label-map', '1:0,1:2'])).toMatchInlineSnapshot(
      `"Invalid value for --label-map: expected comma-separated SRC:DST pairs of class ids 0..255, with * as SRC for every id not listed (for example 15:1,*:0); id 1 is listed twice, received "1:2"."`,
    );
  });
});

describe('parseEvaluateCommand overlays and baseline', () => {
  it('reads overlays with a folder', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--overlays', '8', '--overlays-dir', 'out/overlays'],
      CWD,
    );
    expect(settings.overlays).toBe(8);
    expect(settings.overlaysDir).toBe('/work/project/out/overlays');
  });

  it('rejects overlays without a folder', async () => {
    expect(await usageMessage([...VOC_MODEL, '--overlays', '3'])).toMatchInlineSnapshot(
      `"--overlays is 3, but no folder is given for the overlay PNGs: add --overlays-dir DIR, or set the overlay count to 0 to draw none."`,
    );
  });

  it('accepts zero overlays without a folder', async () => {
    const settings = await parseEvaluateCommand([...VOC_MODEL, '--overlays', '0'], CWD);
    expect(settings.overlays).toBe(0);
    expect(settings.overlaysDir).toBeNull();
  });

  it('resolves --baseline against cwd', async () => {
    const settings = await parseEvaluateCommand([...VOC_MODEL, '--baseline', 'main.json'], CWD);
    expect(settings.baselinePath).toBe('/work/project/main.json');
  });
});

describe('parseEvaluateCommand check parameters', () => {
  it('leaves unset parameters at the defaults', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--ignored-share-warn', '0.1', '--max-abs-logit', '50'],
      CWD,
    );
    expect(settings.checks.imageAnalysis).toEqual({
      ...DEFAULT_IMAGE_ANALYSIS_OPTIONS,
      ignoredShareWarn: 0.1,
      maxAbsLogit: 50,
    });
  });

  it('accepts the range ends', async () => {
    const settings = await parseEvaluateCommand(
      [
        ...VOC_MODEL,
        '--min-miou',
        '0',
        '--min-class-iou',
        '1',
        '--bootstrap-seed',
        '4294967295',
        '--interpolated-min-pixels',
        '0',
      ],
      CWD,
    );
    expect(settings.checks.thresholds.minMiou).toBe(0);
    expect(settings.checks.thresholds.minClassIou).toBe(1);
    expect(settings.checks.regression.seed).toBe(4294967295);
    expect(settings.checks.imageAnalysis.interpolatedMinPixels).toBe(0);
  });

  it('locks the range messages', async () => {
    expect(await usageMessage([...VOC_MODEL, '--min-miou', 'abc'])).toMatchInlineSnapshot(
      `"Invalid value for --min-miou: expected a number from 0 to 1, received "abc"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--max-abs-logit', '-5'])).toMatchInlineSnapshot(
      `"Invalid value for --max-abs-logit: expected a number above 0, received "-5"."`,
    );
    expect(
      await usageMessage([...VOC_MODEL, '--bootstrap-seed', '4294967296']),
    ).toMatchInlineSnapshot(
      `"Invalid value for --bootstrap-seed: expected an integer from 0 to 4294967295, received "4294967296"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--constant-min-images', '1'])).toMatchInlineSnapshot(
      `"Invalid value for --constant-min-images: expected an integer of at least 2, received "1"."`,
    );
  });

  it('names the flags in the ignored-share rule', async () => {
    expect(
      await usageMessage([
        ...VOC_MODEL,
        '--ignored-share-warn',
        '0.4',
        '--ignored-share-fail',
        '0.3',
      ]),
    ).toMatchInlineSnapshot(
      `"Invalid value for --ignored-share-fail: expected a share at or above --ignored-share-warn 0.4, received 0.3."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--ignored-share-warn', '0.6'])).toMatchInlineSnapshot(
      `"Invalid value for --ignored-share-fail (default): expected a share at or above --ignored-share-warn 0.6, received 0.5."`,
    );
  });

  it('accepts equal ignored shares', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--ignored-share-warn', '0.3', '--ignored-share-fail', '0.3'],
      CWD,
    );
    expect(settings.checks.imageAnalysis.ignoredShareWarn).toBe(0.3);
    expect(settings.checks.imageAnalysis.ignoredShareFail).toBe(0.3);
  });
});

describe('parseEvaluateCommand --checks', () => {
  it('reads check levels', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--checks', 'collapse.per-image=warn,contract.labels.interpolated=off'],
      CWD,
    );
    expect(settings.checks.levels).toEqual({
      'collapse.per-image': 'warn',
      'contract.labels.interpolated': 'off',
    });
  });

  it('lists the known ids', async () => {
    expect(await usageMessage([...VOC_MODEL, '--checks', 'collapse=off'])).toBe(
      `Unknown check id "collapse" in --checks. Known check ids: ${CHECK_IDS.join(', ')}.`,
    );
  });

  it('rejects a bad level', async () => {
    expect(
      await usageMessage([...VOC_MODEL, '--checks', 'threshold.miou=skip']),
    ).toMatchInlineSnapshot(
      `"Invalid value for --checks: expected one of off, warn, fail as the level of threshold.miou, received "skip"."`,
    );
  });
});

describe('parseEvaluateCommand gate config', () => {
  let temp: TempDir;
  beforeEach(async () => {
    temp = await createTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  async function writeConfig(lines: readonly string[]): Promise<string> {
    return temp.write('seg-gate.yml', ['data: voc', 'model: m.onnx', ...lines, ''].join('\n'));
  }

  it('reads every gate key', async () => {
    const config = await writeConfig([
      'labelMap: "15:1,*:0"',
      'numClasses: 2',
      'classNames: [background, person]',
      'backend: cpu',
      'threshold: 0.25',
      'checks: { collapse.per-image: warn, regression.miou: off }',
      'classThresholds: { person: { minIou: 0.4, minRecall: null }, background: {} }',
      'minClassIou: 0.3',
      'baseline: runs/main.json',
      'bootstrapResamples: 50',
      'dominantClassShare: 0.99',
      'maxAbsLogit: 1e4',
      'overlays: 2',
      'overlaysDir: overlays',
    ]);
    const settings = await parseEvaluateCommand(['--config', config], '/elsewhere');

    expect(settings.labelMap?.text).toBe('15:1,*:0');
    expect(settings.input.backend).toBe('cpu');
    expect(settings.input.threshold).toBe(0.25);
    expect(settings.checks.levels).toEqual({
      'collapse.per-image': 'warn',
      'regression.miou': 'off',
    });
    expect(settings.checks.thresholds).toEqual({
      minMiou: null,
      minClassIou: 0.3,
      minClassRecall: null,
      classes: { person: { minIou: 0.4, minRecall: null }, background: {} },
    });
    expect(settings.baselinePath).toBe(`${temp.path}/runs/main.json`);
    expect(settings.checks.regression.resamples).toBe(50);
    expect(settings.checks.collapse.dominantShare).toBe(0.99);
    expect(settings.checks.imageAnalysis.maxAbsLogit).toBe(10_000);
    expect(settings.overlays).toBe(2);
    expect(settings.overlaysDir).toBe(`${temp.path}/overlays`);
  });

  it('command line overrides a threshold', async () => {
    const config = await writeConfig(['minMiou: 0.4', 'threshold: 0.3']);
    const settings = await parseEvaluateCommand(['--config', config, '--min-miou', '0.6'], CWD);
    expect(settings.checks.thresholds.minMiou).toBe(0.6);
    expect(settings.input.threshold).toBe(0.3);
  });

  it('--checks replaces the config map', async () => {
    const config = await writeConfig(['checks: { collapse.per-image: warn }']);
    const settings = await parseEvaluateCommand(
      ['--config', config, '--checks', 'threshold.miou=off'],
      CWD,
    );
    expect(settings.checks.levels).toEqual({ 'threshold.miou': 'off' });
  });

  it('names config keys in the ignored-share rule', async () => {
    const config = await writeConfig(['ignoredShareWarn: 0.4', 'ignoredShareFail: 0.3']);
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(
      `"Invalid value for ignoredShareFail in <tmp>/seg-gate.yml: expected a share at or above ignoredShareWarn in <tmp>/seg-gate.yml 0.4, received 0.3."`,
    );
    expect(
      temp.mask(await usageMessage(['--config', config, '--ignored-share-fail', '0.2'])),
    ).toMatchInlineSnapshot(
      `"Invalid value for --ignored-share-fail: expected a share at or above ignoredShareWarn in <tmp>/seg-gate.yml 0.4, received 0.2."`,
    );
  });

  it('names the config key for overlays', async () => {
    const config = await writeConfig(['overlays: 4']);
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(
      `"overlays in <tmp>/seg-gate.yml is 4, but no folder is given for the overlay PNGs: add --overlays-dir DIR, or set the overlay count to 0 to draw none."`,
    );
  });

  it('names the config key for a label map', async () => {
    const config = await writeConfig(['labelMap: "300:1"']);
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(
      `"Invalid value for labelMap in <tmp>/seg-gate.yml: expected comma-separated SRC:DST pairs of class ids 0..255, with * as SRC for every id not listed (for example 15:1,*:0); 300 is above 255, received "300:1"."`,
    );
  });

  it('rejects an unknown check id', async () => {
    const config = await writeConfig(['checks: { collapse.per-imag: off, nonsense: warn }']);
    const message = temp.mask(await usageMessage(['--config', config]));
    expect(message).toContain(
      '/checks/collapse.per-imag: unknown key (did you mean collapse.per-image?)',
    );
    expect(message).toContain('/checks/nonsense: unknown key\n');
    expect(message).toContain(`Known keys of /checks: ${CHECK_IDS.join(', ')}.`);
    expect(message).not.toContain('Known keys: data');
  });

  it('rejects a bad check level', async () => {
    const config = await writeConfig(['checks: { threshold.miou: loud }']);
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/seg-gate.yml (1 problem):
        /checks/threshold.miou: must be one of off, warn, fail
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });

  it('rejects an unknown class name', async () => {
    const config = await writeConfig(['classThresholds: { persn: { minIou: 0.5 } }']);
    expect(temp.mask(await usageMessage(['--config', config]))).toBe(
      `Unknown class name in classThresholds in <tmp>/seg-gate.yml: "persn". ` +
        `Known class names: ${VOC_CLASS_NAMES.join(', ')}.`,
    );
  });

  it('rejects bad class threshold values', async () => {
    const config = await writeConfig([
      'classThresholds: { person: { minIoU: 0.5, minRecall: 2 }, cat: 0.5 }',
    ]);
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/seg-gate.yml (3 problems):
        /classThresholds/person/minIoU: unknown key (did you mean minIou?)
        /classThresholds/person/minRecall: must be <= 1
        /classThresholds/cat: must be object
        Known keys of /classThresholds/person: minIou, minRecall.
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });

  it('rejects bad gate numbers', async () => {
    const config = await writeConfig([
      'threshold: 1',
      'minMiou: 1.5',
      'maxAbsLogit: 0',
      'bootstrapSeed: -1',
      'overlays: 0.5',
    ]);
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/seg-gate.yml (5 problems):
        /threshold: must be < 1
        /minMiou: must be <= 1
        /bootstrapSeed: must be >= 0
        /maxAbsLogit: must be > 0
        /overlays: must be integer
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });

  it('rejects YAML infinity and NaN', async () => {
    const infinite = await writeConfig(['maxAbsLogit: .inf']);
    expect(temp.mask(await usageMessage(['--config', infinite]))).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/seg-gate.yml (1 problem):
        /maxAbsLogit: must be number
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
    const notANumber = await writeConfig(['minMiou: .nan']);
    expect(temp.mask(await usageMessage(['--config', notANumber]))).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/seg-gate.yml (1 problem):
        /minMiou: must be number
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });
});
