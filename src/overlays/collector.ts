import { ensureDir } from '../io/ensure-dir.js';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import sharp from 'sharp';

import type { Sample } from '../dataset/types.js';
import { vocPalette } from '../decode/palette.js';
import type { ClassIdMask } from '../decode/types.js';
import { errorMessage } from '../errors.js';
import { imageMeanIou } from './score.js';
import { WorstK } from './worst-k.js';

export interface OverlayOptions {
  /** How many of the worst images to draw; 0 draws none. */
  readonly k: number;
  /** Folder the PNGs are written to; created when missing. */
  readonly dir: string;
  readonly numClasses: number;
  readonly ignoreIndex: number;
}

/** Collects the worst images of a run and draws them at the end. */
export interface OverlayCollector {
  onImage(
    sample: Sample,
    label: ClassIdMask,
    prediction: ClassIdMask,
    counts: readonly (readonly [number, number, number])[],
  ): Promise<void>;
  /** Writes the overlay PNGs, worst image first, and returns their paths. */
  finish(): Promise<string[]>;
}

/** Colour of ignore-index pixels in the truth panel (the VOC void colour). */
export const IGNORE_COLOUR = [224, 224, 192] as const;

/** White gap between the three panels, in pixels. */
export const PANEL_GAP = 4;

interface KeptImage {
  readonly sample: Sample;
  readonly width: number;
  readonly height: number;
  /** Class ids, deflated: a VOC mask of 500x375 takes a few kilobytes. */
  readonly label: Buffer;
  readonly prediction: Buffer;
}

/**
 * Creates an overlay collector. Images are ranked by their mIoU over the classes present in their
 * label or prediction (see `imageMeanIou`), and images where no class is present are not ranked.
 * Only the current worst `k` are kept, with their masks deflated, so memory stays bounded whatever
 * the dataset size. `finish` draws each as one PNG: the image, the truth and the prediction side by
 * side, masks in the VOC palette and ignore-index pixels in the VOC void colour (224, 224, 192).
 * Files are named `<rank>-<image id>.png`, rank 01 being the worst.
 */
export function createOverlayCollector(options: OverlayOptions): OverlayCollector {
  const worst = new WorstK<KeptImage>(options.k);

  return {
    async onImage(sample, label, prediction, counts) {
      const score = imageMeanIou(counts, options.numClasses);
      if (score === null) {
        return;
      }
      worst.offer(score, () => ({
        sample,
        width: label.width,
        height: label.height,
        label: deflateRawSync(label.data),
        prediction: deflateRawSync(prediction.data),
      }));
    },

    async finish() {
      const worstImages = worst.values();
      if (worstImages.length === 0) {
        return [];
      }
      await ensureDir(options.dir);

      const digits = Math.max(2, String(worstImages.length).length);
      const paths: string[] = [];
      for (const [index, { value }] of worstImages.entries()) {
        const rank = String(index + 1).padStart(digits, '0');
        const path = join(options.dir, `${rank}-${safeFileName(value.sample.id)}.png`);
        await drawOverlay(value, path, options.ignoreIndex);
        paths.push(path);
      }
      return paths;
    },
  };
}

async function drawOverlay(image: KeptImage, path: string, ignoreIndex: number): Promise<void> {
  const { width, height } = image;
  const raw = { width, height, channels: 3 as const };

  let photo: Buffer;
  try {
    // The image is shown at label size; VOC images and labels have the same size.
    photo = await sharp(image.sample.imagePath)
      .removeAlpha()
      .toColourspace('srgb')
      .resize(width, height, { fit: 'fill' })
      .raw()
      .toBuffer();
  } catch (error) {
    throw new Error(
      `Failed to draw the overlay of ${image.sample.id}: decoding ${image.sample.imagePath} failed: ${errorMessage(error)}`,
    );
  }

  // Compositing adds an alpha channel; the overlay is written as plain RGB.
  const composed = await sharp({
    create: {
      width: width * 3 + PANEL_GAP * 2,
      height,
      channels: 3,
      background: { r: 255, g: 255, b: 255 },
    },
  })
    .composite([
      { input: photo, raw, left: 0, top: 0 },
      {
        input: colourize(inflateRawSync(image.label), ignoreIndex),
        raw,
        left: width + PANEL_GAP,
        top: 0,
      },
      {
        input: colourize(inflateRawSync(image.prediction), ignoreIndex),
        raw,
        left: (width + PANEL_GAP) * 2,
        top: 0,
      },
    ])
    .raw()
    .toBuffer({ resolveWithObject: true });

  await sharp(composed.data, { raw: composed.info }).removeAlpha().png().toFile(path);
}

const PALETTE = vocPalette();

/** Maps class ids to VOC palette colours, and the ignore index to the VOC void colour. */
export function colourize(ids: Uint8Array, ignoreIndex: number): Buffer {
  const rgb = Buffer.alloc(ids.length * 3);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const out = i * 3;
    if (id === ignoreIndex) {
      rgb[out] = IGNORE_COLOUR[0];
      rgb[out + 1] = IGNORE_COLOUR[1];
      rgb[out + 2] = IGNORE_COLOUR[2];
    } else {
      rgb[out] = PALETTE[id * 3] ?? 0;
      rgb[out + 1] = PALETTE[id * 3 + 1] ?? 0;
      rgb[out + 2] = PALETTE[id * 3 + 2] ?? 0;
    }
  }
  return rgb;
}

/** Keeps letters, digits, `.`, `_` and `-` of an image id; other characters become `_`. */
export function safeFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe === '' ? 'image' : safe.slice(0, 100);
}
