import type { CheckLevels } from '../checks/levels.js';
import type {
  CollapseOptions,
  ImageAnalysisOptions,
  RegressionOptions,
  ThresholdOptions,
} from '../checks/defaults.js';
import type { LabelMap } from '../dataset/label-map.js';

/**
 * Resolved settings of one `seg-gate evaluate` run: the config file and the command line merged,
 * validated, with defaults filled in and paths made absolute.
 */

/** Pixel scaling modes: the Keras `preprocess_input` modes plus [0,1] (`unit`) and raw (`none`). */
export const NORMALIZE_MODES = ['tf', 'torch', 'caffe', 'unit', 'none'] as const;
export type NormalizeMode = (typeof NORMALIZE_MODES)[number];

export const CHANNEL_ORDERS = ['rgb', 'bgr'] as const;
export type ChannelOrder = (typeof CHANNEL_ORDERS)[number];

export const RESIZE_MODES = ['stretch', 'pad'] as const;
export type ResizeMode = (typeof RESIZE_MODES)[number];

export const LAYOUTS = ['auto', 'nhwc', 'nchw'] as const;
export type Layout = (typeof LAYOUTS)[number];

export const UPSAMPLE_MODES = ['logits', 'classes'] as const;
export type UpsampleMode = (typeof UPSAMPLE_MODES)[number];

export const DEVICES = ['cpu', 'cuda'] as const;
export type Device = (typeof DEVICES)[number];

export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'off'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Source of the ids, images and labels. */
export type DataSettings =
  | {
      readonly kind: 'voc';
      /** VOC-layout root holding `JPEGImages/`, `SegmentationClass/`, `ImageSets/Segmentation/`. */
      readonly root: string;
      /** Split name under `ImageSets/Segmentation/`; null when `idsFile` is used. */
      readonly split: string | null;
      readonly idsFile: string | null;
    }
  | { readonly kind: 'folders'; readonly imagesDir: string; readonly labelsDir: string };

/** Conversion of images to model input and of model output to class ids. */
export interface ModelInputSettings {
  /** Null when neither the command line nor the config declared it; a model run then stops. */
  readonly normalize: NormalizeMode | null;
  readonly channelOrder: ChannelOrder;
  /** Null means the model's fixed input size. */
  readonly inputSize: Size | null;
  readonly resize: ResizeMode;
  readonly layout: Layout;
  readonly upsample: UpsampleMode;
  readonly device: Device;
  /** Intra-op threads for the runtime; null lets the runtime choose. */
  readonly threads: number | null;
  /** TensorFlow.js backend; null tries tensorflow, then wasm, then cpu. */
  readonly backend: Backend | null;
  /** Probability above which a single-channel output is class 1, in (0, 1). */
  readonly threshold: number;
}

/** Parameters of the gate checks, each with a default in `src/checks/defaults.ts`. */
export interface CheckSettings {
  /** Per-check level overrides (`off`, `warn`, `fail`) by check id. */
  readonly levels: CheckLevels;
  readonly collapse: CollapseOptions;
  readonly imageAnalysis: ImageAnalysisOptions;
  readonly thresholds: ThresholdOptions;
  readonly regression: RegressionOptions;
}

export interface EvaluateSettings {
  readonly data: DataSettings;
  /** Evaluate only the first N ids; null for all. */
  readonly limit: number | null;
  readonly skipMissing: boolean;
  /** Exactly one of `model` and `predictions` is set. */
  readonly model: string | null;
  readonly predictions: string | null;
  readonly numClasses: number;
  /** `numClasses` names in id order. */
  readonly classNames: readonly string[];
  readonly ignoreIndex: number;
  /** Rewrites label ids before any check; `numClasses` counts the classes after it. */
  readonly labelMap: LabelMap | null;
  readonly input: ModelInputSettings;
  readonly checks: CheckSettings;
  /** Report of an earlier run to compare against (regression checks), or null. */
  readonly baselinePath: string | null;
  /** Largest width x height accepted from any image, label or prediction header. */
  readonly maxPixels: number;
  readonly reportPath: string | null;
  readonly summaryPath: string | null;
  readonly savePredictionsDir: string | null;
  readonly progress: ProgressMode;
  /** Number of worst images drawn as overlays (0 draws none). */
  readonly overlays: number;
  /** Folder the overlay PNGs are written to; required when `overlays` is above 0. */
  readonly overlaysDir: string | null;
  /** The config file the settings were read from, if any. */
  readonly configPath: string | null;
}

export const DEFAULT_MAX_PIXELS = 50_000_000;
export const DEFAULT_NUM_CLASSES = 21;
export const DEFAULT_IGNORE_INDEX = 255;
export const DEFAULT_SPLIT = 'val';
export const DEFAULT_THRESHOLD = 0.5;
