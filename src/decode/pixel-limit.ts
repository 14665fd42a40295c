import { InputError } from '../errors.js';

/**
 * Throws an InputError when a file's declared `width * height` exceeds `maxPixels`. Callers run it
 * on the header alone, before any pixel data is decompressed, so a small file that declares a
 * huge image is rejected without allocating its pixels.
 */
export function checkPixelLimit(
  path: string,
  width: number,
  height: number,
  maxPixels: number,
): void {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new InputError(
      `${path} declares ${width}x${height} = ${pixels} pixels, more than --max-pixels ` +
        `${maxPixels}; raise --max-pixels if the file is genuine.`,
    );
  }
}
