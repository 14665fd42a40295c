import { describe, expect, it } from 'vitest';

import packageJson from '../../../package.json' with { type: 'json' };
import { DEFAULT_REGRESSION_OPTIONS } from '../../../src/checks/defaults.js';
import { runCli, type CliContext } from '../../../src/cli/program.js';
import { DEFAULT_THRESHOLD, type EvaluateSettings } from '../../../src/config/settings.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { rejectionOf } from '../config/helpers.js';

interface Captured {
  readonly context: CliContext;
  readonly out: string[];
  readonly err: string[];
  readonly settings: EvaluateSettings[];
}

function capture(exitCode = 0): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const settings: EvaluateSettings[] = [];
  const context: CliContext = {
    cwd: '/work/project',
    output: {
      writeOut: (text) => out.push(text),
      writeErr: (text) => err.push(text),
      helpWidth: 100,
    },
    handlers: {
      evaluate: (parsed) => {
        settings.push(parsed);
        return Promise.resolve(exitCode);
      },
    },
  };
  return { context, out, err, settings };
}

describe('runCli', () => {
  it('returns the handler exit code', async () => {
    const run = capture(1);
    const code = await runCli(
      ['evaluate', '--data', 'VOC2012', '--predictions', 'masks', '--limit', '5'],
      run.context,
    );

    expect(code).toBe(1);
    expect(run.settings).toHaveLength(1);
    expect(run.settings[0]?.limit).toBe(5);
    expect(run.settings[0]?.predictions).toBe('/work/project/masks');
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([]);
  });

  it('prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const run = capture();
      expect(await runCli([flag], run.context)).toBe(0);
      expect(run.out.join('')).toBe(`${packageJson.version}\n`);
    }
  });

  it('prints the program help', async () => {
    const run = capture();
    expect(await runCli(['--help'], run.context)).toBe(0);
    expect(run.out.join('')).toMatchInlineSnapshot(`
      "Usage: seg-gate [options] [command]

      CI regression gate for semantic segmentation models: mIoU, per-class IoU and recall, collapse and
      contract checks, baseline comparison.

      Options:
        -V, --version       Print the seg-gate version and exit.
        -h, --help          Print this help and exit.

      Commands:
        evaluate [options]  Evaluate a semantic segmentation model on a labelled dataset: mIoU, per-class
                            IoU and recall, and contract checks on labels, predictions and model output.
        train [options]     Fine-tune a TensorFlow.js layers model, then evaluate the checkpoint.
        help [command]      Print the help of a command.

      Exit codes:
        0  the model passed every check
        1  the model failed the gate
        2  invalid options, or an input file that is missing, unreadable or malformed
        3  internal error
      "
    `);
  });

  it('prints the evaluate help', async () => {
    const run = capture();
    expect(await runCli(['evaluate', '--help'], run.context)).toBe(0);
    expect(run.settings).toEqual([]);
    expect(run.out.join('')).toMatchInlineSnapshot(`
      "Usage: seg-gate evaluate [options]

      Evaluate a semantic segmentation model on a labelled dataset: mIoU, per-class IoU and recall, and
      contract checks on labels, predictions and model output.

      Options:
        --config <file>                                 Read settings from a JSON or YAML file (.json,
                                                        .yml, .yaml). Options given here override its
                                                        keys. Default: no config file.
        -h, --help                                      Print this help and exit.

      Dataset options:
        --data <dir>                                    VOC-layout dataset root containing JPEGImages/,
                                                        SegmentationClass/ and ImageSets/Segmentation/.
                                                        Pick the ids with --split or --ids.
        --split <name>                                  Split to evaluate: the ids in
                                                        ImageSets/Segmentation/<name>.txt under --data.
                                                        Default: val.
        --ids <file>                                    Text file of image ids to evaluate, one per line,
                                                        used with --data instead of --split.
        --images <dir>                                  Folder of input images named by image id, used
                                                        with --labels instead of --data.
        --labels <dir>                                  Folder of label masks (8-bit class ids) named by
                                                        image id, used with --images.
        --limit <n>                                     Evaluate only the first n ids of the list.
                                                        Default: all ids.
        --skip-missing                                  Skip ids whose image or label file is missing
                                                        instead of stopping. Default: off.
        --no-skip-missing                               Stop at a missing image or label file, overriding
                                                        skipMissing in --config.
        --max-pixels <n>                                Largest width x height, in pixels, accepted for
                                                        any image, label or prediction. Default: 50000000.

      Model options:
        --model <file>                                  Model to run: an ONNX file or a TensorFlow.js
                                                        model.json. Give exactly one of --model and
                                                        --predictions.
        --predictions <dir>                             Folder of saved prediction masks (class ids) to
                                                        score instead of running a model.

      Class options:
        --num-classes <n>                               Number of classes C, so class ids are 0..C-1; 2 to
                                                        255. Default: 21 (PASCAL VOC).
        --class-names <names>                           Class names in id order: a comma-separated list
                                                        (a,b,c) or @FILE with one name per line. Default:
                                                        the PASCAL VOC names when C is 21, otherwise
                                                        "class 0" to "class C-1".
        --ignore-index <id>                             Label value left out of scoring (void pixels), 0
                                                        to 255; must be at least C because ids below C are
                                                        classes. Default: 255.
        --label-map <src:dst,...>                       Rewrite label ids before scoring: comma-separated
                                                        SRC:DST pairs of ids 0 to 255, with * as SRC for
                                                        every id not listed, for example 15:1,*:0. The
                                                        ignore index keeps its value unless it is listed,
                                                        and C counts the classes after the map. Default:
                                                        labels as stored.

      Model input options:
        --normalize <mode>                              Pixel scaling of the model input: tf (to [-1,1]),
                                                        torch (to [0,1], then ImageNet mean and std),
                                                        caffe (ImageNet mean subtracted, no scaling), unit
                                                        (to [0,1]) or none (raw 0..255). No default:
                                                        running a model requires it.
        --channel-order <order>                         Channel order of the model input: rgb or bgr.
                                                        Default: rgb, or bgr with --normalize caffe.
        --input-size <WxH>                              Model input width and height in pixels, for
                                                        example 513x513. Default: the model's fixed input
                                                        size.
        --resize <mode>                                 How an image is fitted to the input size: stretch
                                                        (aspect ratio not kept) or pad (aspect ratio kept,
                                                        bottom and right padded). Default: stretch.
        --layout <layout>                               Tensor layout of the model input and output: auto
                                                        (decided from the model's shapes), nhwc or nchw.
                                                        Default: auto.
        --upsample <mode>                               How model output is brought to the label size:
                                                        logits (bilinear on the scores, then argmax) or
                                                        classes (argmax, then nearest neighbour). Default:
                                                        logits.
        --device <device>                               Where the model runs: cpu or cuda. Default: cpu.
        --threads <n>                                   Intra-op threads of the model runtime. Default:
                                                        chosen by the runtime.
        --backend <backend>                             TensorFlow.js backend for a model.json model:
                                                        tensorflow (needs @tensorflow/tfjs-node), wasm or
                                                        cpu. Default: the first of tensorflow, wasm and
                                                        cpu that loads.
        --threshold <p>                                 Probability above which a single-channel (sigmoid)
                                                        output is class 1, used with --num-classes 2;
                                                        between 0 and 1, both excluded. Default: 0.5.

      Gate options:
        --checks <id=level,...>                         Levels of single checks as comma-separated
                                                        ID=LEVEL pairs, for example
                                                        collapse.per-image=warn,threshold.miou=off. LEVEL
                                                        is fail (the check can fail the gate), warn (a
                                                        failure only warns) or off (reported as skip).
                                                        Replaces the checks map of --config. Default:
                                                        every check at fail.
        --min-miou <iou>                                Minimum mIoU, 0 to 1: threshold.miou fails below
                                                        it. Default: off.
        --min-class-iou <iou>                           Minimum IoU of every scored class, 0 to 1:
                                                        threshold.class-iou fails when a class is below
                                                        it. Default: off.
        --min-class-recall <recall>                     Minimum recall of every class present in the
                                                        labels, 0 to 1: threshold.class-recall fails when
                                                        a class is below it. Default: off.
        --baseline <file>                               JSON report of an earlier run (written with
                                                        --report) that the regression checks compare
                                                        against. Default: none, so the regression checks
                                                        are skipped.
        --max-miou-drop <iou>                           Largest mIoU drop from the baseline, in IoU units
                                                        (0.01 is one point), 0 to 1: regression.miou fails
                                                        when the drop is larger and its bootstrap interval
                                                        lies below 0. Default: 0.01.
        --max-class-iou-drop <iou>                      Largest IoU drop from the baseline of a class
                                                        scored in both runs, in IoU units, 0 to 1:
                                                        regression.class-iou fails when a class drops
                                                        more. Default: 0.1.
        --bootstrap-resamples <n>                       Bootstrap resamples of the images for the interval
                                                        of the mIoU difference, at least 1. Default: 1000.
        --bootstrap-seed <n>                            Seed of the bootstrap resampling, 0 to 4294967295;
                                                        the same seed gives the same interval. Default:
                                                        12345.
        --dominant-class-share <fraction>               Share of the predicted pixels, 0 to 1, from which
                                                        one class counts as dominant:
                                                        collapse.dominant-class fails when it also exceeds
                                                        its labelled share by --dominant-class-excess.
                                                        Default: 0.95.
        --dominant-class-excess <fraction>              Excess of a dominant class's predicted share over
                                                        its labelled share, 0 to 1, from which
                                                        collapse.dominant-class fails. Default: 0.15.
        --missing-classes-fail-fraction <fraction>      Fraction of the classes present in the labels, 0
                                                        to 1: collapse.missing-classes fails when more
                                                        than this fraction is never predicted, and warns
                                                        for fewer. Default: 0.5.
        --single-class-images-fail-fraction <fraction>  Fraction of the images with two or more labelled
                                                        classes, 0 to 1: collapse.per-image fails when
                                                        more than this fraction gets a single predicted
                                                        class. Default: 0.5.
        --trivial-miou-margin <iou>                     Margin in IoU units, 0 to 1:
                                                        collapse.trivial-baseline fails unless mIoU
                                                        exceeds the mIoU of predicting the most frequent
                                                        labelled class everywhere by at least this much.
                                                        Default: 0.05.
        --interpolated-max-interior <fraction>          contract.labels.interpolated counts a label id in
                                                        one image as a border strip, as resizing labels
                                                        bilinearly leaves, when fewer than this fraction
                                                        (0 to 1) of its pixels there have four neighbours
                                                        with the same id and --interpolated-min-between
                                                        holds. Default: 0.05.
        --interpolated-min-between <fraction>           Fraction (0 to 1) of the pixels of a border strip
                                                        candidate that must lie strictly between the ids
                                                        of two opposite neighbours for
                                                        contract.labels.interpolated. Default: 0.5.
        --interpolated-min-pixels <n>                   contract.labels.interpolated fails for a label id
                                                        whose border-strip pixels over the dataset reach
                                                        this count, at least 0. Default: 50.
        --ignored-share-warn <fraction>                 Share of label pixels at the ignore index, 0 to 1,
                                                        above which contract.labels.ignored-share warns.
                                                        Default: 0.25.
        --ignored-share-fail <fraction>                 Share of label pixels at the ignore index, 0 to 1
                                                        and at least --ignored-share-warn, above which
                                                        contract.labels.ignored-share fails. Default: 0.5.
        --max-abs-logit <value>                         Largest finite absolute value of the model output,
                                                        above 0: contract.model.logit-magnitude fails when
                                                        an output value is larger. Default: 1000.
        --constant-min-images <n>                       Scored images needed before
                                                        contract.predictions.constant applies, at least 2.
                                                        Default: 3.

      Output options:
        --report <file>                                 Write the JSON report to this file. Default: no
                                                        report file.
        --summary <file>                                Write a Markdown summary of the results to this
                                                        file. Default: no summary file.
        --save-predictions <dir>                        Save each predicted class-id mask as a PNG file in
                                                        this folder. Default: not saved.
        --progress <mode>                               Progress display on stderr: auto (a bar on a
                                                        terminal outside CI, lines otherwise), bar, lines
                                                        or off. Default: auto.
        --overlays <k>                                  Draw the k images with the lowest per-image mIoU
                                                        as PNGs (image, label and prediction side by side)
                                                        in --overlays-dir, which k above 0 requires.
                                                        Default: 0 (none).
        --overlays-dir <dir>                            Folder that the overlay PNGs of --overlays are
                                                        written to. Default: none.

      Settings can also come from --config FILE (JSON or YAML). Its keys are the camelCase option
      names (numClasses, ignoreIndex, savePredictions, ...), its relative paths start from the folder
      that contains it, and options on the command line override its keys. One key has no option:
      classThresholds, the minimum IoU and recall by class name, for example
        classThresholds: { person: { minIou: 0.5 }, bottle: { minRecall: null } }
      where null exempts the class from --min-class-iou or --min-class-recall.

      Examples:
        seg-gate evaluate --data VOC2012 --model model.onnx --normalize tf --input-size 513x513
        seg-gate evaluate --images images --labels labels --predictions masks --num-classes 2 \\
          --class-names background,person
        seg-gate evaluate --config seg-gate.yml --limit 10 --report report.json
      "
    `);
  });

  it('prints the same help for help evaluate', async () => {
    const viaFlag = capture();
    await runCli(['evaluate', '--help'], viaFlag.context);
    const viaCommand = capture();
    expect(await runCli(['help', 'evaluate'], viaCommand.context)).toBe(0);
    expect(viaCommand.out.join('')).toBe(viaFlag.out.join(''));
  });

  it('evaluate help lists defaults', async () => {
    const run = capture();
    await runCli(['evaluate', '--help'], run.context);
    // Help lines wrap at the help width, so compare with the whitespace collapsed.
    const help = run.out.join('').replace(/\s+/g, ' ');
    for (const flag of [
      '--data',
      '--num-classes',
      '--ignore-index',
      '--max-pixels',
      '--progress',
      '--threshold',
      '--min-miou',
      '--bootstrap-seed',
      '--overlays',
    ]) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('Default: 21 (PASCAL VOC)');
    expect(help).toContain('Default: 255');
    expect(help).toContain('Default: 50000000');
    expect(help).toContain(`Default: ${DEFAULT_THRESHOLD}.`);
    expect(help).toContain(`Default: ${DEFAULT_REGRESSION_OPTIONS.seed}.`);
  });

  it('rejects a missing command', async () => {
    const error = await rejectionOf(runCli([], capture().context));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"Missing command: run seg-gate evaluate [options], or seg-gate --help."`,
    );
  });

  it('rejects an unknown command with a suggestion', async () => {
    const error = await rejectionOf(runCli(['evalute'], capture().context));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"Unknown command 'evalute'. Did you mean evaluate? Run seg-gate --help to see the commands."`,
    );
  });

  it('rejects help for an unknown command', async () => {
    const run = capture();
    const error = await rejectionOf(runCli(['help', 'bogus'], run.context));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot(
      `"Missing or unknown command. Run seg-gate --help to see the commands."`,
    );
  });

  it('rejects an unknown program option', async () => {
    const error = await rejectionOf(runCli(['--verbose'], capture().context));
    expect(error.message).toMatchInlineSnapshot(
      `"Unknown option '--verbose'. Run seg-gate --help to see the commands."`,
    );
  });

  it('rethrows what the handler throws', async () => {
    const run = capture();
    const failing: CliContext = {
      ...run.context,
      handlers: { evaluate: () => Promise.reject(new InputError('label missing')) },
    };
    const error = await rejectionOf(
      runCli(['evaluate', '--data', 'voc', '--model', 'm.onnx'], failing),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('label missing');
  });
});
