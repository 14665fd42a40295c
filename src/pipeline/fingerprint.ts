import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Sample } from '../dataset/types.js';

/**
 * Builds the dataset fingerprint: sha256 over the evaluated ids in order, each with the sha256 of
 * its label file, plus every setting that changes what a label pixel means.
 */
export class FingerprintBuilder {
  private readonly hash = createHash('sha256');

  constructor(settings: { numClasses: number; ignoreIndex: number; labelMap?: string | null }) {
    this.hash.update(`classes=${settings.numClasses};ignore=${settings.ignoreIndex};`);
    this.hash.update(`labelMap=${settings.labelMap ?? ''};`);
  }

  /** Adds one evaluated id and the sha256 (hex) of its label file bytes. */
  add(id: string, labelSha256: string): void {
    this.hash.update(`${id}\u0000${labelSha256}\n`);
  }

  /** Returns the fingerprint as lower-case hex sha256. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** sha256 of a byte buffer, in hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Computes the fingerprint of `samples` from their label files without decoding them, as the
 * streaming pass will compute it. Lets a run compare its dataset with a baseline's before any
 * image is segmented.
 */
export async function fingerprintSamples(
  samples: readonly Sample[],
  settings: { numClasses: number; ignoreIndex: number; labelMap?: string | null },
): Promise<string> {
  const builder = new FingerprintBuilder(settings);
  for (const sample of samples) {
    builder.add(sample.id, sha256Hex(await readFile(sample.labelPath)));
  }
  return builder.digest();
}
