/**
 * Builds the PASCAL VOC colour map: 256 RGB triples (768 bytes), entry `i` at `3 * i`.
 *
 * The bits of the class id are spread over the channels, filling each channel from its most
 * significant bit down. Bit 0 of the id goes to bit 7 of red, bit 1 to bit 7 of green, bit 2 to
 * bit 7 of blue, bit 3 to bit 6 of red, and so on. Class 0 is black, 1 is (128, 0, 0), 2 is (0, 128, 0), and the ignore index
 * 255 is (224, 224, 192).
 */
export function vocPalette(): Uint8Array {
  const palette = new Uint8Array(256 * 3);

  for (let id = 0; id < 256; id++) {
    let red = 0;
    let green = 0;
    let blue = 0;
    let bits = id;
    for (let shift = 7; shift >= 0; shift--) {
      red |= (bits & 1) << shift;
      green |= ((bits >> 1) & 1) << shift;
      blue |= ((bits >> 2) & 1) << shift;
      bits >>= 3;
    }
    palette.set([red, green, blue], id * 3);
  }

  return palette;
}
