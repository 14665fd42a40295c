/**
 * Turns merged gate values into `CheckSettings`. The checks module fills in its defaults and
 * validates the combined parameters, and its errors are rewritten to name the flags or config keys
 * that the user gave.
 */
import type {
  CollapseOptions,
  ImageAnalysisOptions,
  RegressionOptions,
  ThresholdOptions,
} from '../checks/defaults.js';
import {
  resolveCollapseOptions,
  resolveImageAnalysisOptions,
  resolveRegressionOptions,
} from '../checks/options.js';
import { validateThresholds } from '../checks/thresholds.js';
import { EVALUATE_OPTIONS, type EvaluateOptionValues } from './evaluate-options.js';
import { relabelError } from './relabel.js';
import { valueLabel, type SourcedValues } from './setting-spec.js';
import type { CheckSettings } from './settings.js';

type Values = SourcedValues<EvaluateOptionValues>;

/** Settings whose value is a number. */
type NumberKey = {
  [K in keyof EvaluateOptionValues]-?: EvaluateOptionValues[K] extends number ? K : never;
}[keyof EvaluateOptionValues];

/** Setting key of each check parameter. A parameter left out keeps its default. */
type ParameterKeys<O> = { readonly [K in keyof O]?: NumberKey };

const COLLAPSE_KEYS = {
  dominantShare: 'dominantClassShare',
  dominantExcess: 'dominantClassExcess',
  missingClassesFailFraction: 'missingClassesFailFraction',
  singleClassImagesFailFraction: 'singleClassImagesFailFraction',
  trivialMiouMargin: 'trivialMiouMargin',
} as const satisfies Required<ParameterKeys<CollapseOptions>>;

/** `signatureSize` has no setting and keeps its default. */
const IMAGE_ANALYSIS_KEYS = {
  maxInteriorFraction: 'interpolatedMaxInterior',
  minBetweenFraction: 'interpolatedMinBetween',
  interpolatedMinPixels: 'interpolatedMinPixels',
  ignoredShareWarn: 'ignoredShareWarn',
  ignoredShareFail: 'ignoredShareFail',
  maxAbsLogit: 'maxAbsLogit',
  constantMinImages: 'constantMinImages',
} as const satisfies ParameterKeys<ImageAnalysisOptions>;

/** `confidence` has no setting and keeps its default. */
const REGRESSION_KEYS = {
  maxMiouDrop: 'maxMiouDrop',
  maxClassIouDrop: 'maxClassIouDrop',
  resamples: 'bootstrapResamples',
  seed: 'bootstrapSeed',
} as const satisfies ParameterKeys<RegressionOptions>;

const THRESHOLD_KEYS = {
  minMiou: 'minMiou',
  minClassIou: 'minClassIou',
  minClassRecall: 'minClassRecall',
} as const satisfies ParameterKeys<ThresholdOptions>;

/**
 * Builds the gate check settings from merged values. `classNames` are the class names of the run,
 * which the per-class thresholds must use. Throws a UsageError naming the flags or config keys for
 * a combination that the checks reject, such as `--ignored-share-fail` below `--ignored-share-warn`
 * or a per-class threshold for an unknown class.
 */
export function resolveCheckSettings(values: Values, classNames: readonly string[]): CheckSettings {
  return {
    levels: values.checks?.value ?? {},
    collapse: withSettingNames(values, COLLAPSE_KEYS, () =>
      resolveCollapseOptions(givenParameters(values, COLLAPSE_KEYS)),
    ),
    imageAnalysis: withSettingNames(values, IMAGE_ANALYSIS_KEYS, () =>
      resolveImageAnalysisOptions(givenParameters(values, IMAGE_ANALYSIS_KEYS)),
    ),
    thresholds: resolveThresholds(values, classNames),
    regression: withSettingNames(values, REGRESSION_KEYS, () =>
      resolveRegressionOptions(givenParameters(values, REGRESSION_KEYS)),
    ),
  };
}

function resolveThresholds(values: Values, classNames: readonly string[]): ThresholdOptions {
  const thresholds: ThresholdOptions = {
    minMiou: values.minMiou?.value ?? null,
    minClassIou: values.minClassIou?.value ?? null,
    minClassRecall: values.minClassRecall?.value ?? null,
    classes: values.classThresholds?.value ?? {},
  };

  try {
    validateThresholds(thresholds, classNames);
  } catch (error) {
    throw relabelError(error, {
      ...settingNames(values, THRESHOLD_KEYS),
      'the per-class thresholds': valueLabel(EVALUATE_OPTIONS, values, 'classThresholds'),
    });
  }
  return thresholds;
}

/** Returns the parameters whose setting was given, so the checks module fills in the rest. */
function givenParameters<O extends string>(
  values: Values,
  keys: Readonly<Partial<Record<O, NumberKey>>>,
): Partial<Record<O, number>> {
  const parameters: Partial<Record<O, number>> = {};
  for (const [parameter, key] of Object.entries(keys) as [O, NumberKey][]) {
    const value = values[key]?.value;
    if (value !== undefined) {
      parameters[parameter] = value;
    }
  }
  return parameters;
}

/** Runs `build` and rewrites the parameter names in its UsageError to setting names. */
function withSettingNames<T>(
  values: Values,
  keys: Readonly<Record<string, NumberKey>>,
  build: () => T,
): T {
  try {
    return build();
  } catch (error) {
    throw relabelError(error, settingNames(values, keys));
  }
}

/**
 * Names each parameter's setting as the user gave it, for example `--ignored-share-fail` or
 * `ignoredShareFail in /path/seg-gate.yml`, and marks a setting not given as `(default)`, because
 * its value then comes from the checks module.
 */
function settingNames(
  values: Values,
  keys: Readonly<Record<string, NumberKey>>,
): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [parameter, key] of Object.entries(keys)) {
    const label = valueLabel(EVALUATE_OPTIONS, values, key);
    names[parameter] = values[key] === undefined ? `${label} (default)` : label;
  }
  return names;
}
