import type { ClassIdMask } from '../decode/types.js';
import type { Sample } from '../dataset/types.js';
import type { ImageCounts } from '../metrics/accumulate.js';
import type { OutputStats } from '../segmenters/types.js';

/** Per-image data that observers receive once an image is scored or found unscorable. */
export interface ImageObservation {
  readonly sample: Sample;
  /** The label as decoded, or null when it is not a class-id image. */
  readonly label: ClassIdMask | null;
  /** The scored prediction at label size, or null when none could be scored. */
  readonly prediction: ClassIdMask | null;
  readonly counts: ImageCounts | null;
  readonly stats: OutputStats | null;
}

/**
 * A consumer of per-image data that must not be kept for the whole run (masks): overlays,
 * per-image checks. Called in image order, one image at a time.
 */
export interface ImageObserver {
  onImage(observation: ImageObservation): Promise<void> | void;
}
