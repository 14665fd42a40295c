/**
 * The settings of `seg-gate evaluate`: one table entry per setting with its flag, config key,
 * parser and help text. The gate settings live in `gate-options.ts` and are listed here between
 * the model input and the output settings. The config schema (`schemas/config.schema.json`) lists
 * the same keys, and a test keeps the two in step.
 */
import type { ClassNamesSource } from './class-names.js';
import { GATE_OPTIONS, type GateOptionValues } from './gate-options.js';
import type { ExclusiveGroup } from './merge.js';
import {
  BACKENDS,
  CHANNEL_ORDERS,
  DEFAULT_IGNORE_INDEX,
  DEFAULT_MAX_PIXELS,
  DEFAULT_NUM_CLASSES,
  DEFAULT_SPLIT,
  DEFAULT_THRESHOLD,
  DEVICES,
  LAYOUTS,
  NORMALIZE_MODES,
  PROGRESS_MODES,
  RESIZE_MODES,
  UPSAMPLE_MODES,
  type Backend,
  type ChannelOrder,
  type Device,
  type Layout,
  type NormalizeMode,
  type ProgressMode,
  type ResizeMode,
  type Size,
  type UpsampleMode,
} from './settings.js';
import {
  classNamesSetting,
  enumSetting,
  integerSetting,
  numberSetting,
  pathSetting,
  sizeSetting,
  switchSetting,
  textSetting,
  type SettingTable,
} from './setting-spec.js';
import {
  LABEL_MAP_PATTERN,
  parseLabelMapText,
  parseSplitText,
  SPLIT_NAME_PATTERN,
  type NumberRange,
} from './values.js';

/**
 * Parsed values of the evaluate settings, keyed by config key. Paths are absolute, and
 * `resolveEvaluateSettings` fills in the defaults.
 */
export interface EvaluateOptionValues extends GateOptionValues {
  data: string;
  split: string;
  ids: string;
  images: string;
  labels: string;
  limit: number;
  skipMissing: boolean;
  maxPixels: number;
  model: string;
  predictions: string;
  numClasses: number;
  classNames: ClassNamesSource;
  ignoreIndex: number;
  /** Label map text, checked for syntax. `parseLabelMap` builds the map with the ignore index. */
  labelMap: string;
  normalize: NormalizeMode;
  channelOrder: ChannelOrder;
  inputSize: Size;
  resize: ResizeMode;
  layout: Layout;
  upsample: UpsampleMode;
  device: Device;
  threads: number;
  backend: Backend;
  threshold: number;
  report: string;
  summary: string;
  savePredictions: string;
  progress: ProgressMode;
  overlays: number;
  overlaysDir: string;
}

/** Largest class count: ids are 8-bit, and the ignore index (at most 255) lies above them. */
export const MAX_NUM_CLASSES = 255;
export const MIN_NUM_CLASSES = 2;
export const MAX_IGNORE_INDEX = 255;

export const DEFAULT_CHANNEL_ORDER: ChannelOrder = 'rgb';
export const DEFAULT_RESIZE: ResizeMode = 'stretch';
export const DEFAULT_LAYOUT: Layout = 'auto';
export const DEFAULT_UPSAMPLE: UpsampleMode = 'logits';
export const DEFAULT_DEVICE: Device = 'cpu';
export const DEFAULT_PROGRESS: ProgressMode = 'auto';

const ANY_COUNT = Number.MAX_SAFE_INTEGER;

/** Probabilities strictly between 0 and 1, so that both classes remain reachable. */
const OPEN_UNIT_RANGE: NumberRange = {
  minimum: 0,
  exclusiveMinimum: true,
  maximum: 1,
  exclusiveMaximum: true,
};

/** Every evaluate setting, in the order `--help` lists them. */
export const EVALUATE_OPTIONS: SettingTable<EvaluateOptionValues> = {
  data: pathSetting({
    flag: '--data',
    valueName: '<dir>',
    target: 'folder',
    helpGroup: 'Dataset options:',
    help:
      'VOC-layout dataset root containing JPEGImages/, SegmentationClass/ and ' +
      'ImageSets/Segmentation/. Pick the ids with --split or --ids.',
  }),
  split: textSetting({
    flag: '--split',
    valueName: '<name>',
    pattern: SPLIT_NAME_PATTERN,
    parse: parseSplitText,
    helpGroup: 'Dataset options:',
    help:
      'Split to evaluate: the ids in ImageSets/Segmentation/<name>.txt under --data. ' +
      `Default: ${DEFAULT_SPLIT}.`,
  }),
  ids: pathSetting({
    flag: '--ids',
    valueName: '<file>',
    target: 'file',
    helpGroup: 'Dataset options:',
    help: 'Text file of image ids to evaluate, one per line, used with --data instead of --split.',
  }),
  images: pathSetting({
    flag: '--images',
    valueName: '<dir>',
    target: 'folder',
    helpGroup: 'Dataset options:',
    help: 'Folder of input images named by image id, used with --labels instead of --data.',
  }),
  labels: pathSetting({
    flag: '--labels',
    valueName: '<dir>',
    target: 'folder',
    helpGroup: 'Dataset options:',
    help: 'Folder of label masks (8-bit class ids) named by image id, used with --images.',
  }),
  limit: integerSetting({
    flag: '--limit',
    valueName: '<n>',
    minimum: 1,
    maximum: ANY_COUNT,
    helpGroup: 'Dataset options:',
    help: 'Evaluate only the first n ids of the list. Default: all ids.',
  }),
  skipMissing: switchSetting({
    flag: '--skip-missing',
    helpGroup: 'Dataset options:',
    help: 'Skip ids whose image or label file is missing instead of stopping. Default: off.',
    negatedHelp: 'Stop at a missing image or label file, overriding skipMissing in --config.',
  }),
  maxPixels: integerSetting({
    flag: '--max-pixels',
    valueName: '<n>',
    minimum: 1,
    maximum: ANY_COUNT,
    helpGroup: 'Dataset options:',
    help:
      'Largest width x height, in pixels, accepted for any image, label or prediction. ' +
      `Default: ${DEFAULT_MAX_PIXELS}.`,
  }),
  model: pathSetting({
    flag: '--model',
    valueName: '<file>',
    target: 'file',
    helpGroup: 'Model options:',
    help:
      'Model to run: an ONNX file or a TensorFlow.js model.json. ' +
      'Give exactly one of --model and --predictions.',
  }),
  predictions: pathSetting({
    flag: '--predictions',
    valueName: '<dir>',
    target: 'folder',
    helpGroup: 'Model options:',
    help: 'Folder of saved prediction masks (class ids) to score instead of running a model.',
  }),
  numClasses: integerSetting({
    flag: '--num-classes',
    valueName: '<n>',
    minimum: MIN_NUM_CLASSES,
    maximum: MAX_NUM_CLASSES,
    helpGroup: 'Class options:',
    help:
      `Number of classes C, so class ids are 0..C-1; ${MIN_NUM_CLASSES} to ${MAX_NUM_CLASSES}. ` +
      `Default: ${DEFAULT_NUM_CLASSES} (PASCAL VOC).`,
  }),
  classNames: classNamesSetting({
    flag: '--class-names',
    valueName: '<names>',
    helpGroup: 'Class options:',
    help:
      'Class names in id order: a comma-separated list (a,b,c) or @FILE with one name per line. ' +
      `Default: the PASCAL VOC names when C is ${DEFAULT_NUM_CLASSES}, ` +
      'otherwise "class 0" to "class C-1".',
  }),
  ignoreIndex: integerSetting({
    flag: '--ignore-index',
    valueName: '<id>',
    minimum: 0,
    maximum: MAX_IGNORE_INDEX,
    helpGroup: 'Class options:',
    help:
      `Label value left out of scoring (void pixels), 0 to ${MAX_IGNORE_INDEX}; ` +
      `must be at least C because ids below C are classes. Default: ${DEFAULT_IGNORE_INDEX}.`,
  }),
  labelMap: textSetting({
    flag: '--label-map',
    valueName: '<src:dst,...>',
    pattern: LABEL_MAP_PATTERN,
    parse: parseLabelMapText,
    helpGroup: 'Class options:',
    help:
      'Rewrite label ids before scoring: comma-separated SRC:DST pairs of ids 0 to 255, with * ' +
      'as SRC for every id not listed, for example 15:1,*:0. The ignore index keeps its value ' +
      'unless it is listed, and C counts the classes after the map. Default: labels as stored.',
  }),
  normalize: enumSetting({
    flag: '--normalize',
    valueName: '<mode>',
    values: NORMALIZE_MODES,
    helpGroup: 'Model input options:',
    help:
      'Pixel scaling of the model input: tf (to [-1,1]), torch (to [0,1], then ImageNet mean and ' +
      'std), caffe (ImageNet mean subtracted, no scaling), unit (to [0,1]) or none (raw 0..255). ' +
      'No default: running a model requires it.',
  }),
  channelOrder: enumSetting({
    flag: '--channel-order',
    valueName: '<order>',
    values: CHANNEL_ORDERS,
    helpGroup: 'Model input options:',
    help:
      'Channel order of the model input: rgb or bgr. ' +
      `Default: ${DEFAULT_CHANNEL_ORDER}, or bgr with --normalize caffe.`,
  }),
  inputSize: sizeSetting({
    flag: '--input-size',
    valueName: '<WxH>',
    helpGroup: 'Model input options:',
    help:
      'Model input width and height in pixels, for example 513x513. ' +
      "Default: the model's fixed input size.",
  }),
  resize: enumSetting({
    flag: '--resize',
    valueName: '<mode>',
    values: RESIZE_MODES,
    helpGroup: 'Model input options:',
    help:
      'How an image is fitted to the input size: stretch (aspect ratio not kept) or pad ' +
      `(aspect ratio kept, bottom and right padded). Default: ${DEFAULT_RESIZE}.`,
  }),
  layout: enumSetting({
    flag: '--layout',
    valueName: '<layout>',
    values: LAYOUTS,
    helpGroup: 'Model input options:',
    help:
      "Tensor layout of the model input and output: auto (decided from the model's shapes), " +
      `nhwc or nchw. Default: ${DEFAULT_LAYOUT}.`,
  }),
  upsample: enumSetting({
    flag: '--upsample',
    valueName: '<mode>',
    values: UPSAMPLE_MODES,
    helpGroup: 'Model input options:',
    help:
      'How model output is brought to the label size: logits (bilinear on the scores, then ' +
      `argmax) or classes (argmax, then nearest neighbour). Default: ${DEFAULT_UPSAMPLE}.`,
  }),
  device: enumSetting({
    flag: '--device',
    valueName: '<device>',
    values: DEVICES,
    helpGroup: 'Model input options:',
    help: `Where the model runs: cpu or cuda. Default: ${DEFAULT_DEVICE}.`,
  }),
  threads: integerSetting({
    flag: '--threads',
    valueName: '<n>',
    minimum: 1,
    maximum: ANY_COUNT,
    helpGroup: 'Model input options:',
    help: 'Intra-op threads of the model runtime. Default: chosen by the runtime.',
  }),
  backend: enumSetting({
    flag: '--backend',
    valueName: '<backend>',
    values: BACKENDS,
    helpGroup: 'Model input options:',
    help:
      'TensorFlow.js backend for a model.json model: tensorflow (needs @tensorflow/tfjs-node), ' +
      'wasm or cpu. Default: the first of tensorflow, wasm and cpu that loads.',
  }),
  threshold: numberSetting({
    flag: '--threshold',
    valueName: '<p>',
    range: OPEN_UNIT_RANGE,
    helpGroup: 'Model input options:',
    help:
      'Probability above which a single-channel (sigmoid) output is class 1, used with ' +
      `--num-classes 2; between 0 and 1, both excluded. Default: ${DEFAULT_THRESHOLD}.`,
  }),
  ...GATE_OPTIONS,
  report: pathSetting({
    flag: '--report',
    valueName: '<file>',
    target: 'file',
    helpGroup: 'Output options:',
    help: 'Write the JSON report to this file. Default: no report file.',
  }),
  summary: pathSetting({
    flag: '--summary',
    valueName: '<file>',
    target: 'file',
    helpGroup: 'Output options:',
    help: 'Write a Markdown summary of the results to this file. Default: no summary file.',
  }),
  savePredictions: pathSetting({
    flag: '--save-predictions',
    valueName: '<dir>',
    target: 'folder',
    helpGroup: 'Output options:',
    help: 'Save each predicted class-id mask as a PNG file in this folder. Default: not saved.',
  }),
  progress: enumSetting({
    flag: '--progress',
    valueName: '<mode>',
    values: PROGRESS_MODES,
    helpGroup: 'Output options:',
    help:
      'Progress display on stderr: auto (a bar on a terminal outside CI, lines otherwise), bar, ' +
      `lines or off. Default: ${DEFAULT_PROGRESS}.`,
  }),
  overlays: integerSetting({
    flag: '--overlays',
    valueName: '<k>',
    minimum: 0,
    maximum: ANY_COUNT,
    helpGroup: 'Output options:',
    help:
      'Draw the k images with the lowest per-image mIoU as PNGs (image, label and prediction ' +
      'side by side) in --overlays-dir, which k above 0 requires. Default: 0 (none).',
  }),
  overlaysDir: pathSetting({
    flag: '--overlays-dir',
    valueName: '<dir>',
    target: 'folder',
    helpGroup: 'Output options:',
    help: 'Folder that the overlay PNGs of --overlays are written to. Default: none.',
  }),
};

/**
 * Settings that pick between alternatives. Within one source, setting keys of two alternatives is
 * an error. A command-line key drops the config file's keys of the other alternatives, so
 * `--images` overrides `data` in the config file.
 */
export const EVALUATE_EXCLUSIVE_GROUPS: readonly ExclusiveGroup<EvaluateOptionValues>[] = [
  {
    alternatives: [
      ['data', 'split', 'ids'],
      ['images', 'labels'],
    ],
    rule:
      'give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain ' +
      'folders.',
  },
  {
    alternatives: [['split'], ['ids']],
    rule:
      'both pick the ids to evaluate, so give --split NAME for ImageSets/Segmentation/NAME.txt ' +
      'or --ids FILE for a list of your own.',
  },
  {
    alternatives: [['model'], ['predictions']],
    rule: 'give --model FILE to run a model, or --predictions DIR to score saved prediction masks.',
  },
];
