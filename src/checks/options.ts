import { invalidOption } from '../errors.js';
import {
  DEFAULT_COLLAPSE_OPTIONS,
  DEFAULT_IMAGE_ANALYSIS_OPTIONS,
  DEFAULT_REGRESSION_OPTIONS,
  type CollapseOptions,
  type ImageAnalysisOptions,
  type RegressionOptions,
} from './defaults.js';

/**
 * Merges `options` over the defaults and validates every value. Throws a `UsageError` naming the
 * parameter, the expected range and the value received.
 */
export function resolveCollapseOptions(options: Partial<CollapseOptions> = {}): CollapseOptions {
  const resolved = { ...DEFAULT_COLLAPSE_OPTIONS, ...options };
  requireFraction('dominantShare', resolved.dominantShare);
  requireFraction('dominantExcess', resolved.dominantExcess);
  requireFraction('missingClassesFailFraction', resolved.missingClassesFailFraction);
  requireFraction('singleClassImagesFailFraction', resolved.singleClassImagesFailFraction);
  requireFraction('trivialMiouMargin', resolved.trivialMiouMargin);
  return resolved;
}

/** Merges `options` over the defaults and validates them; see {@link resolveCollapseOptions}. */
export function resolveImageAnalysisOptions(
  options: Partial<ImageAnalysisOptions> = {},
): ImageAnalysisOptions {
  const resolved = { ...DEFAULT_IMAGE_ANALYSIS_OPTIONS, ...options };
  requireFraction('maxInteriorFraction', resolved.maxInteriorFraction);
  requireFraction('minBetweenFraction', resolved.minBetweenFraction);
  requireInteger('interpolatedMinPixels', resolved.interpolatedMinPixels, 0);
  requireFraction('ignoredShareWarn', resolved.ignoredShareWarn);
  requireFraction('ignoredShareFail', resolved.ignoredShareFail);
  if (resolved.ignoredShareFail < resolved.ignoredShareWarn) {
    throw invalidOption(
      'ignoredShareFail',
      `a share at or above ignoredShareWarn ${resolved.ignoredShareWarn}`,
      resolved.ignoredShareFail,
    );
  }
  if (!Number.isFinite(resolved.maxAbsLogit) || resolved.maxAbsLogit <= 0) {
    throw invalidOption('maxAbsLogit', 'a finite number above 0', resolved.maxAbsLogit);
  }
  requireInteger('constantMinImages', resolved.constantMinImages, 2);
  requireInteger('signatureSize', resolved.signatureSize, 1);
  return resolved;
}

/** Merges `options` over the defaults and validates them; see {@link resolveCollapseOptions}. */
export function resolveRegressionOptions(
  options: Partial<RegressionOptions> = {},
): RegressionOptions {
  const resolved = { ...DEFAULT_REGRESSION_OPTIONS, ...options };
  requireFraction('maxMiouDrop', resolved.maxMiouDrop);
  requireFraction('maxClassIouDrop', resolved.maxClassIouDrop);
  requireInteger('resamples', resolved.resamples, 1);
  requireInteger('seed', resolved.seed, 0, 2 ** 32 - 1);
  if (!(resolved.confidence > 0 && resolved.confidence < 1)) {
    throw invalidOption('confidence', 'a number between 0 and 1 (exclusive)', resolved.confidence);
  }
  return resolved;
}

/** Throws a `UsageError` unless `value` is a number in [0, 1]. */
export function requireFraction(name: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw invalidOption(name, 'a number in [0, 1]', value);
  }
}

function requireInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min}..${max}`;
    throw invalidOption(name, `an integer ${range}`, value);
  }
}
