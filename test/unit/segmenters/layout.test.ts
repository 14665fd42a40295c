import { describe, expect, it } from 'vitest';

import { decideClassAxis, decideInputLayout, formatShape } from '../../../src/segmenters/layout.js';

describe('decideInputLayout', () => {
  it('reads NHWC from a last dimension of 3', () => {
    expect(decideInputLayout([1, 257, 257, 3], 'auto')).toEqual({
      kind: 'decided',
      layout: 'nhwc',
      source: 'auto',
    });
  });

  it('reads NCHW from dimension 1 of 3', () => {
    expect(decideInputLayout([1, 3, 512, 512], 'auto')).toEqual({
      kind: 'decided',
      layout: 'nchw',
      source: 'auto',
    });
  });

  it('reads NHWC with symbolic sizes', () => {
    const decision = decideInputLayout(['batch', 'height', 'width', 3], 'auto');
    expect(decision).toMatchObject({ kind: 'decided', layout: 'nhwc' });
  });

  it('reads a grey channel of 1', () => {
    expect(decideInputLayout([1, 64, 64, 1], 'auto')).toMatchObject({ layout: 'nhwc' });
    expect(decideInputLayout([1, 1, 64, 64], 'auto')).toMatchObject({ layout: 'nchw' });
  });

  it('marks [1,3,3,3] ambiguous', () => {
    const decision = decideInputLayout([1, 3, 3, 3], 'auto');
    expect(decision.kind).toBe('ambiguous');
    expect(decision).toMatchObject({
      reason: 'input shape [1,3,3,3]: both dimension 1 and dimension 3 are channel counts (1 or 3)',
    });
  });

  it('marks a shape without channel dimension ambiguous', () => {
    const decision = decideInputLayout([1, 'c', 224, 'w'], 'auto');
    expect(decision).toMatchObject({
      kind: 'ambiguous',
      reason:
        'input shape [1,c,224,w]: neither dimension 1 nor dimension 3 is a channel count (1 or 3)',
    });
  });

  it('marks rank 3 ambiguous', () => {
    expect(decideInputLayout([224, 224, 3], 'auto')).toMatchObject({
      kind: 'ambiguous',
      reason: 'input shape [224,224,3] has rank 3, not 4',
    });
  });

  it('lets --layout override the shape', () => {
    expect(decideInputLayout([1, 3, 3, 3], 'nchw')).toEqual({
      kind: 'decided',
      layout: 'nchw',
      source: 'option',
    });
    expect(decideInputLayout([1, 3, 224, 224], 'nhwc')).toMatchObject({ layout: 'nhwc' });
  });
});

describe('decideClassAxis', () => {
  it('follows the input layout', () => {
    expect(decideClassAxis([1, 257, 257, 21], 'nhwc', 21)).toBe(3);
    expect(decideClassAxis([1, 21, 64, 64], 'nchw', 21)).toBe(1);
  });

  it('keeps the layout axis on a channel mismatch', () => {
    expect(decideClassAxis([1, 257, 257, 20], 'nhwc', 21)).toBe(3);
    expect(decideClassAxis([1, 3, 512, 512], 'nchw', 4)).toBe(1);
  });

  it('keeps a single channel on the layout axis', () => {
    expect(decideClassAxis([1, 2, 64, 1], 'nhwc', 2)).toBe(3);
  });

  it('switches to the other axis when only it matches', () => {
    expect(decideClassAxis([1, 64, 64, 21], 'nchw', 21)).toBe(3);
    expect(decideClassAxis([1, 21, 64, 64], 'nhwc', 21)).toBe(1);
  });
});

describe('formatShape', () => {
  it('keeps symbolic names', () => {
    expect(formatShape(['N', 3, 512, 512])).toBe('[N,3,512,512]');
  });
});
