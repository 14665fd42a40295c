/**
 * Turns merged evaluate values into `EvaluateSettings`: checks the combinations, fills in the
 * defaults and reads the class names file.
 */
import { parseLabelMap, type LabelMap } from '../dataset/label-map.js';
import { UsageError } from '../errors.js';
import {
  defaultClassNames,
  describeCount,
  loadClassNames,
  validateClassNames,
  type LabelledCount,
} from './class-names.js';
import {
  DEFAULT_CHANNEL_ORDER,
  DEFAULT_DEVICE,
  DEFAULT_LAYOUT,
  DEFAULT_PROGRESS,
  DEFAULT_RESIZE,
  DEFAULT_UPSAMPLE,
  EVALUATE_EXCLUSIVE_GROUPS,
  EVALUATE_OPTIONS,
  type EvaluateOptionValues,
} from './evaluate-options.js';
import { checkExclusiveGroups } from './merge.js';
import { resolveCheckSettings } from './resolve-checks.js';
import { valueLabel, type SourcedValues } from './setting-spec.js';
import {
  DEFAULT_IGNORE_INDEX,
  DEFAULT_MAX_PIXELS,
  DEFAULT_NUM_CLASSES,
  DEFAULT_SPLIT,
  DEFAULT_THRESHOLD,
  type DataSettings,
  type EvaluateSettings,
  type ModelInputSettings,
} from './settings.js';

type Values = SourcedValues<EvaluateOptionValues>;

/**
 * Builds the settings of one evaluate run from merged command-line and config values.
 * `configPath` is the absolute path of the config file, or null. Throws UsageError for a bad
 * combination (including check parameters that the checks reject) and InputError when the class
 * names file cannot be read.
 */
export async function resolveEvaluateSettings(
  values: Values,
  configPath: string | null,
): Promise<EvaluateSettings> {
  checkExclusiveGroups(values, EVALUATE_EXCLUSIVE_GROUPS, EVALUATE_OPTIONS);

  const data = resolveData(values);
  const { model, predictions } = resolveSegmenter(values);
  const numClasses = labelledNumClasses(values);
  const ignoreIndex = resolveIgnoreIndex(values, numClasses);
  const labelMap = resolveLabelMap(values, numClasses, ignoreIndex);
  const classNames = await resolveClassNames(values, numClasses);
  const checks = resolveCheckSettings(values, classNames);
  const overlays = resolveOverlays(values);

  return {
    data,
    limit: values.limit?.value ?? null,
    skipMissing: values.skipMissing?.value ?? false,
    model,
    predictions,
    numClasses: numClasses.value,
    classNames,
    ignoreIndex,
    labelMap,
    input: resolveModelInput(values),
    checks,
    baselinePath: values.baseline?.value ?? null,
    maxPixels: values.maxPixels?.value ?? DEFAULT_MAX_PIXELS,
    reportPath: values.report?.value ?? null,
    summaryPath: values.summary?.value ?? null,
    savePredictionsDir: values.savePredictions?.value ?? null,
    progress: values.progress?.value ?? DEFAULT_PROGRESS,
    ...overlays,
    configPath,
  };
}

function resolveData(values: Values): DataSettings {
  const { data, split, ids, images, labels } = values;

  if (data !== undefined) {
    return {
      kind: 'voc',
      root: data.value,
      split: ids === undefined ? (split?.value ?? DEFAULT_SPLIT) : null,
      idsFile: ids?.value ?? null,
    };
  }

  if (images !== undefined && labels !== undefined) {
    return { kind: 'folders', imagesDir: images.value, labelsDir: labels.value };
  }
  if (images !== undefined) {
    throw new UsageError(
      `${label(values, 'images')} needs --labels: give --labels DIR, the folder of label masks ` +
        `for the images in ${images.value}.`,
    );
  }
  if (labels !== undefined) {
    throw new UsageError(
      `${label(values, 'labels')} needs --images: give --images DIR, the folder of images ` +
        `for the label masks in ${labels.value}.`,
    );
  }

  for (const key of ['split', 'ids'] as const) {
    if (values[key] !== undefined) {
      throw new UsageError(
        `${label(values, key)} needs --data: give --data DIR, the VOC-layout root that contains ` +
          'ImageSets/Segmentation/.',
      );
    }
  }

  throw new UsageError(
    'Missing dataset: give --data DIR for a VOC-layout dataset, or --images DIR with ' +
      '--labels DIR for plain folders.',
  );
}

function resolveSegmenter(values: Values): { model: string | null; predictions: string | null } {
  const model = values.model?.value ?? null;
  const predictions = values.predictions?.value ?? null;
  if (model === null && predictions === null) {
    throw new UsageError(
      'Missing model: give --model FILE to run a model, or --predictions DIR to score saved ' +
        'prediction masks.',
    );
  }
  return { model, predictions };
}

function labelledNumClasses(values: Values): LabelledCount {
  const numClasses = values.numClasses;
  if (numClasses === undefined) {
    return { value: DEFAULT_NUM_CLASSES, label: label(values, 'numClasses'), isDefault: true };
  }
  return { value: numClasses.value, label: label(values, 'numClasses'), isDefault: false };
}

/** The ignore index must lie above the class ids, or a class would be dropped from scoring. */
function resolveIgnoreIndex(values: Values, numClasses: LabelledCount): number {
  const ignoreIndex = values.ignoreIndex;
  if (ignoreIndex === undefined) {
    return DEFAULT_IGNORE_INDEX;
  }

  if (ignoreIndex.value < numClasses.value) {
    const last = numClasses.value - 1;
    throw new UsageError(
      `${label(values, 'ignoreIndex')} is ${ignoreIndex.value}, but class ids run from 0 to ` +
        `${last} because ${describeCount(numClasses)}. Pixels of class ${ignoreIndex.value} ` +
        `would be left out of scoring, so give an ignore index of at least ${numClasses.value} ` +
        `(VOC labels use ${DEFAULT_IGNORE_INDEX}) or lower the class count.`,
    );
  }
  return ignoreIndex.value;
}

/**
 * Builds the label map with the resolved ignore index. Each target must be a class id or the
 * ignore index, because the class count describes the labels after the map.
 */
function resolveLabelMap(
  values: Values,
  numClasses: LabelledCount,
  ignoreIndex: number,
): LabelMap | null {
  const text = values.labelMap;
  if (text === undefined) {
    return null;
  }

  // The text passed the syntax and id checks when it was read, so this parse cannot throw.
  const map = parseLabelMap(text.value, ignoreIndex);
  const targets: [string, number][] = map.pairs.map(([source, target]) => [String(source), target]);
  if (map.fallback !== null) {
    targets.push(['*', map.fallback]);
  }

  for (const [source, target] of targets) {
    if (target >= numClasses.value && target !== ignoreIndex) {
      throw new UsageError(
        `${label(values, 'labelMap')} maps ${source} to ${target}, but class ids run from 0 to ` +
          `${numClasses.value - 1} because ${describeCount(numClasses)}, and the ignore index is ` +
          `${ignoreIndex}. Map to a class id or to the ignore index, or raise the class count ` +
          'to cover the ids after the map.',
      );
    }
  }
  return map;
}

async function resolveClassNames(
  values: Values,
  numClasses: LabelledCount,
): Promise<readonly string[]> {
  const classNames = values.classNames;
  if (classNames === undefined) {
    return defaultClassNames(numClasses.value);
  }

  const option = label(values, 'classNames');
  const names = await loadClassNames(classNames.value, option);
  const source =
    classNames.value.kind === 'file' ? `${option} (file ${classNames.value.path})` : option;
  return validateClassNames(names, source, numClasses);
}

function resolveModelInput(values: Values): ModelInputSettings {
  const normalize = values.normalize?.value ?? null;
  // Caffe-style models were trained on BGR input, so caffe implies bgr unless the order is given.
  const implicitOrder = normalize === 'caffe' ? 'bgr' : DEFAULT_CHANNEL_ORDER;

  return {
    normalize,
    channelOrder: values.channelOrder?.value ?? implicitOrder,
    inputSize: values.inputSize?.value ?? null,
    resize: values.resize?.value ?? DEFAULT_RESIZE,
    layout: values.layout?.value ?? DEFAULT_LAYOUT,
    upsample: values.upsample?.value ?? DEFAULT_UPSAMPLE,
    device: values.device?.value ?? DEFAULT_DEVICE,
    threads: values.threads?.value ?? null,
    backend: values.backend?.value ?? null,
    threshold: values.threshold?.value ?? DEFAULT_THRESHOLD,
  };
}

/** Returns the overlay count and folder, and rejects a positive count without a folder. */
function resolveOverlays(values: Values): { overlays: number; overlaysDir: string | null } {
  const overlays = values.overlays?.value ?? 0;
  const overlaysDir = values.overlaysDir?.value ?? null;
  if (overlays > 0 && overlaysDir === null) {
    throw new UsageError(
      `${label(values, 'overlays')} is ${overlays}, but no folder is given for the overlay PNGs: ` +
        'add --overlays-dir DIR, or set the overlay count to 0 to draw none.',
    );
  }
  return { overlays, overlaysDir };
}

function label(values: Values, key: keyof EvaluateOptionValues): string {
  return valueLabel(EVALUATE_OPTIONS, values, key);
}
