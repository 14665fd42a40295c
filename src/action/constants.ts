/**
 * Every input, output and environment variable name of the action, and its defaults. `action.yml`
 * declares the same names; `test/action/action-yml.test.ts` keeps the two in step.
 */

/** Inputs passed through to `seg-gate evaluate` as `--<name> <value>` when they are set. */
export const ENGINE_VALUE_INPUTS = [
  'model',
  'predictions',
  'data',
  'images',
  'labels',
  'split',
  'ids',
  'limit',
  'normalize',
  'channel-order',
  'input-size',
  'resize',
  'layout',
  'upsample',
  'num-classes',
  'class-names',
  'ignore-index',
  'label-map',
  'device',
  'threads',
  'backend',
  'threshold',
  'max-pixels',
  'config',
  'checks',
  'min-miou',
  'min-class-iou',
  'min-class-recall',
  'max-miou-drop',
  'max-class-iou-drop',
  'bootstrap-resamples',
  'bootstrap-seed',
] as const;

export type EngineValueInput = (typeof ENGINE_VALUE_INPUTS)[number];

/**
 * Training inputs passed through to `seg-gate train` as `--<name> <value>` when they are set.
 * They apply only with `train-steps`, which the action passes as `--steps`.
 */
export const TRAINING_VALUE_INPUTS = [
  'batch-size',
  'learning-rate',
  'optimizer',
  'class-weights',
  'loss',
  'label-encoding',
  'overfit-probe',
  'eval-split',
] as const;

export type TrainingValueInput = (typeof TRAINING_VALUE_INPUTS)[number];

/** Inputs that only the action reads. */
export const Input = {
  skipMissing: 'skip-missing',
  baseline: 'baseline',
  baselineKey: 'baseline-key',
  cacheTimeout: 'cache-timeout',
  overlays: 'overlays',
  workingDirectory: 'working-directory',
  trainSteps: 'train-steps',
} as const;

/** Every input name, in the order `action.yml` lists them. */
export const ALL_INPUTS: readonly string[] = [
  'model',
  'predictions',
  'data',
  'images',
  'labels',
  'split',
  'ids',
  'limit',
  Input.skipMissing,
  'normalize',
  'channel-order',
  'input-size',
  'resize',
  'layout',
  'upsample',
  'num-classes',
  'class-names',
  'ignore-index',
  'label-map',
  'device',
  'threads',
  'backend',
  'threshold',
  'max-pixels',
  'config',
  Input.baseline,
  Input.baselineKey,
  Input.cacheTimeout,
  Input.overlays,
  Input.workingDirectory,
  'checks',
  'min-miou',
  'min-class-iou',
  'min-class-recall',
  'max-miou-drop',
  'max-class-iou-drop',
  'bootstrap-resamples',
  'bootstrap-seed',
  Input.trainSteps,
  ...TRAINING_VALUE_INPUTS,
];

/** Engine options the action sets itself, from its own inputs or its work folder. */
export const ACTION_SET_OPTIONS = [
  'skip-missing',
  'report',
  'summary',
  'progress',
  'overlays',
  'overlays-dir',
  'baseline',
] as const;

/** Training options the action sets itself: `--steps` from `train-steps`, and its work folder. */
export const TRAINING_ACTION_SET_OPTIONS = ['steps', 'output', 'training-report'] as const;

/** Training options without an input, set as camelCase keys of the `config` file. */
export const TRAINING_CONFIG_ONLY_OPTIONS = ['final-softmax', 'first-loss-factor', 'seed'] as const;

/**
 * Engine options without an input: fine-tuning of single checks and saving predictions. A
 * workflow sets them as keys of the `config` file (camelCase, for example `maxAbsLogit`).
 */
export const CONFIG_ONLY_OPTIONS = [
  'save-predictions',
  'dominant-class-share',
  'dominant-class-excess',
  'missing-classes-fail-fraction',
  'single-class-images-fail-fraction',
  'trivial-miou-margin',
  'interpolated-max-interior',
  'interpolated-min-between',
  'interpolated-min-pixels',
  'ignored-share-warn',
  'ignored-share-fail',
  'max-abs-logit',
  'constant-min-images',
] as const;

export const Output = {
  verdict: 'verdict',
  miou: 'miou',
  pixelAccuracy: 'pixel-accuracy',
  meanRecall: 'mean-recall',
  failedChecks: 'failed-checks',
  reportPath: 'report-path',
  summaryPath: 'summary-path',
  overlaysPath: 'overlays-path',
  checkpointPath: 'checkpoint-path',
  trainingReportPath: 'training-report-path',
} as const;

export const ALL_OUTPUTS: readonly string[] = Object.values(Output);

/** Seconds each cache call may take before it is abandoned. */
export const DEFAULT_CACHE_TIMEOUT_SECONDS = 30;

/** Worst images drawn as overlays. */
export const DEFAULT_OVERLAYS = 8;

/** Largest job summary GitHub accepts for one step, in bytes. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** Error and warning annotations GitHub shows per step, each. */
export const ANNOTATIONS_PER_LEVEL = 10;

export const Env = {
  /** Path of a script run with `node` in place of `dist/cli.js`, for tests with a fixed report. */
  engineOverride: 'SEG_GATE_ENGINE',
  /** Set in the cache worker process: the path of its request file. */
  cacheWorkerRequest: 'SEG_GATE_CACHE_WORKER',
  runnerTemp: 'RUNNER_TEMP',
  workspace: 'GITHUB_WORKSPACE',
  eventName: 'GITHUB_EVENT_NAME',
  eventPath: 'GITHUB_EVENT_PATH',
  ref: 'GITHUB_REF',
  sha: 'GITHUB_SHA',
  repository: 'GITHUB_REPOSITORY',
} as const;

/** Prefix of every cache key the action writes. */
export const CACHE_KEY_PREFIX = 'seg-gate';
