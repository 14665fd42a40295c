/** A single-channel image of class ids, row-major, `width * height` entries. */
export interface ClassIdMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** An 8-bit RGB image, row-major, interleaved, `width * height * 3` entries. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Storage format of a mask PNG's values. Only `palette` and `grey` contain class ids. */
export type MaskEncoding = 'palette' | 'grey' | 'grey-alpha' | 'rgb' | 'rgba';

/** The outcome of reading a class-id mask: the mask, or the reason it is not a class-id image. */
export type MaskReadResult =
  | { readonly kind: 'mask'; readonly mask: ClassIdMask; readonly encoding: 'palette' | 'grey' }
  | {
      readonly kind: 'not-class-ids';
      readonly width: number;
      readonly height: number;
      readonly encoding: MaskEncoding;
      readonly bitDepth: number;
    };
