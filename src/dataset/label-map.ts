import type { ClassIdMask } from '../decode/types.js';
import { invalidOption } from '../errors.js';

/** Number of values an 8-bit class id can take; the lookup table has one entry per value. */
const ID_COUNT = 256;

const EXPECTED_SYNTAX =
  'comma-separated SRC:DST pairs of class ids 0..255, with * as SRC for every id not listed ' +
  '(for example 15:1,*:0)';

/** A remapping of label class ids, parsed from `--label-map`. */
export interface LabelMap {
  /** 256 entries: `lookup[id]` is the id that `id` becomes. */
  readonly lookup: Uint8Array;
  /** The explicit `SRC:DST` pairs in the order given. */
  readonly pairs: readonly (readonly [number, number])[];
  /** The `*` target for every id not listed (except the ignore index); null when absent. */
  readonly fallback: number | null;
  /** The pairs in canonical form, for example `15:1,*:0`. */
  readonly text: string;
}

/**
 * Parses a label map such as `15:1,*:0`: comma-separated `SRC:DST` pairs of class ids 0..255.
 * `*` as SRC maps every id that is not listed; without `*`, unlisted ids keep their value. The
 * ignore index keeps its value unless it is listed as a SRC itself, so `15:1,*:0` turns VOC person
 * into 1, every other VOC class into background 0 and leaves the void border 255 as 255.
 *
 * @param text the option value.
 * @param ignoreIndex the ignore index of the labels, 0..255 (ids above 255 never occur in 8-bit
 *   masks, so such an ignore index needs no protection).
 * @throws UsageError (via `invalidOption('--label-map', …)`) naming the first invalid token:
 *   syntax, an id outside 0..255, or a SRC listed twice.
 */
export function parseLabelMap(text: string, ignoreIndex: number): LabelMap {
  const tokens = text.split(',').map((token) => token.trim());
  const pairs: [number, number][] = [];
  const listed = new Set<number>();
  let fallback: number | null = null;

  for (const token of tokens) {
    const [source, target] = parsePair(token);

    if (source === '*') {
      if (fallback !== null) {
        throw invalidOption('--label-map', `${EXPECTED_SYNTAX}; * is listed twice`, token);
      }
      fallback = target;
      continue;
    }

    if (listed.has(source)) {
      throw invalidOption('--label-map', `${EXPECTED_SYNTAX}; id ${source} is listed twice`, token);
    }
    listed.add(source);
    pairs.push([source, target]);
  }

  const lookup = buildLookup(pairs, fallback, ignoreIndex);
  const canonical = pairs.map(([source, target]) => `${source}:${target}`);
  if (fallback !== null) {
    canonical.push(`*:${fallback}`);
  }
  return { lookup, pairs, fallback, text: canonical.join(',') };
}

/**
 * Applies a label map to every pixel of a mask through its 256-entry lookup table.
 * Returns a new mask of the same size; the input is left unchanged.
 */
export function applyLabelMap(map: LabelMap, mask: ClassIdMask): ClassIdMask {
  const data = new Uint8Array(mask.data.length);
  const lookup = map.lookup;
  for (let i = 0; i < data.length; i++) {
    data[i] = lookup[mask.data[i] as number] as number;
  }
  return { width: mask.width, height: mask.height, data };
}

function parsePair(token: string): ['*' | number, number] {
  const match = /^(\*|\d+)\s*:\s*(\d+)$/.exec(token);
  if (!match) {
    throw invalidOption('--label-map', EXPECTED_SYNTAX, token);
  }

  const sourceText = match[1] as string;
  const source = sourceText === '*' ? '*' : parseId(sourceText, token);
  const target = parseId(match[2] as string, token);
  return [source, target];
}

function parseId(digits: string, token: string): number {
  const id = Number(digits);
  if (id >= ID_COUNT) {
    throw invalidOption('--label-map', `${EXPECTED_SYNTAX}; ${id} is above 255`, token);
  }
  return id;
}

function buildLookup(
  pairs: readonly (readonly [number, number])[],
  fallback: number | null,
  ignoreIndex: number,
): Uint8Array {
  const lookup = new Uint8Array(ID_COUNT);
  for (let id = 0; id < ID_COUNT; id++) {
    lookup[id] = fallback === null || id === ignoreIndex ? id : fallback;
  }

  for (const [source, target] of pairs) {
    lookup[source] = target;
  }
  return lookup;
}
