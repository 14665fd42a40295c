import {
  DEFAULT_COLLAPSE_OPTIONS,
  DEFAULT_IMAGE_ANALYSIS_OPTIONS,
  DEFAULT_REGRESSION_OPTIONS,
  DEFAULT_THRESHOLD_OPTIONS,
} from '../../src/checks/defaults.js';
import type { CheckSettings } from '../../src/config/settings.js';

/** Check settings with every default, as a run without check options gets them. */
export const DEFAULT_TEST_CHECK_SETTINGS: CheckSettings = {
  levels: {},
  collapse: DEFAULT_COLLAPSE_OPTIONS,
  imageAnalysis: DEFAULT_IMAGE_ANALYSIS_OPTIONS,
  thresholds: DEFAULT_THRESHOLD_OPTIONS,
  regression: DEFAULT_REGRESSION_OPTIONS,
};
