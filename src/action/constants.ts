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
  'device',
  'threads',
  'max-pixels',
  'config',
  'min-miou',
  'min-class-iou',
  'min-class-recall',
  'bootstrap-resamples',
  'bootstrap-seed',
] as const;

export type EngineValueInput = (typeof ENGINE_VALUE_INPUTS)[number];

/** Inputs that only the action reads. */
export const Input = {
  skipMissing: 'skip-missing',
  baseline: 'baseline',
  baselineKey: 'baseline-key',
  cacheTimeout: 'cache-timeout',
  overlays: 'overlays',
  workingDirectory: 'working-directory',
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
  'device',
  'threads',
  'max-pixels',
  'config',
  Input.baseline,
  Input.baselineKey,
  Input.cacheTimeout,
  Input.overlays,
  Input.workingDirectory,
  'min-miou',
  'min-class-iou',
  'min-class-recall',
  'bootstrap-resamples',
  'bootstrap-seed',
];

export const Output = {
  verdict: 'verdict',
  miou: 'miou',
  pixelAccuracy: 'pixel-accuracy',
  meanRecall: 'mean-recall',
  failedChecks: 'failed-checks',
  reportPath: 'report-path',
  summaryPath: 'summary-path',
  overlaysPath: 'overlays-path',
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
