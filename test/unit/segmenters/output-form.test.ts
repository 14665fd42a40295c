import { describe, expect, it } from 'vitest';

import { planOutput } from '../../../src/segmenters/output-form.js';
import { detectScoreKind } from '../../../src/segmenters/score-kind.js';

describe('planOutput', () => {
  it('plans NHWC scores', () => {
    expect(planOutput('m.onnx', 'float32', [1, 257, 257, 21], 'nhwc', 21)).toEqual({
      kind: 'plan',
      plan: {
        form: 'scores',
        dims: [1, 257, 257, 21],
        layout: 'nhwc',
        channels: 21,
        height: 257,
        width: 257,
      },
    });
  });

  it('plans NCHW scores of another size', () => {
    const decision = planOutput('m.onnx', 'float32', [1, 3, 128, 96], 'nchw', 3);
    expect(decision).toMatchObject({
      plan: { form: 'scores', layout: 'nchw', height: 128, width: 96 },
    });
  });

  it('plans rank-3 integer class ids', () => {
    const decision = planOutput('m.onnx', 'int64', [1, 64, 48], 'nchw', 21);
    expect(decision).toMatchObject({
      plan: { form: 'class-ids', channels: 1, height: 64, width: 48 },
    });
  });

  it('plans rank-4 integer class ids with one channel', () => {
    const decision = planOutput('m.onnx', 'int32', [1, 1, 64, 48], 'nchw', 21);
    expect(decision).toMatchObject({ plan: { form: 'class-ids', height: 64, width: 48 } });
  });

  it('plans one float channel for two classes as binary', () => {
    const decision = planOutput('m.onnx', 'float32', [1, 256, 256, 1], 'nhwc', 2);
    expect(decision).toMatchObject({ plan: { form: 'binary', channels: 1 } });
  });

  it('reports 20 channels for 21 classes', () => {
    expect(planOutput('m.onnx', 'float32', [1, 257, 257, 20], 'nhwc', 21)).toEqual({
      kind: 'finding',
      finding: {
        source: 'model',
        kind: 'channels',
        subject: 'm.onnx',
        detail:
          'output [1,257,257,20] has 20 channels but --num-classes is 21: a head trained without background, or the wrong --num-classes',
      },
    });
  });

  it('reports more channels than classes', () => {
    const decision = planOutput('m.onnx', 'float32', [1, 150, 64, 64], 'nchw', 21);
    expect(decision).toMatchObject({
      finding: {
        kind: 'channels',
        detail:
          'output [1,150,64,64] has 150 channels but --num-classes is 21: a head trained on more classes (another dataset), or the wrong --num-classes',
      },
    });
  });

  it('reports one float channel for 21 classes', () => {
    const decision = planOutput('m.onnx', 'float32', [1, 64, 64, 1], 'nhwc', 21);
    expect(decision).toMatchObject({ finding: { kind: 'channels' } });
  });

  it('rejects a rank-3 float output', () => {
    const decision = planOutput('m.onnx', 'float32', [1, 64, 64], 'nhwc', 21);
    expect(decision).toMatchObject({
      finding: {
        kind: 'output',
        detail:
          'output [1,64,64] of type float32 has no channel axis: a rank-3 output must hold integer class ids',
      },
    });
  });

  it('rejects a batch of 2', () => {
    const decision = planOutput('m.onnx', 'float32', [2, 64, 64, 21], 'nhwc', 21);
    expect(decision).toMatchObject({
      finding: { kind: 'output', detail: 'output [2,64,64,21] has batch 2: expected batch 1' },
    });
  });

  it('rejects rank 2', () => {
    const decision = planOutput('m.onnx', 'float32', [1, 1000], 'nhwc', 21);
    expect(decision).toMatchObject({
      finding: {
        kind: 'output',
        detail: 'output [1,1000] has rank 2: expected [1,H,W,C], [1,C,H,W] or [1,H,W] class ids',
      },
    });
  });

  it('rejects float16', () => {
    const decision = planOutput('m.onnx', 'float16', [1, 64, 64, 21], 'nhwc', 21);
    expect(decision).toMatchObject({ finding: { kind: 'output' } });
  });
});

describe('detectScoreKind', () => {
  const base = { channels: 2, height: 1, width: 2, layout: 'nhwc' as const };

  it('finds probabilities that sum to 1', () => {
    expect(detectScoreKind({ ...base, data: Float32Array.from([0.3, 0.7, 1, 0]) })).toBe(
      'probabilities',
    );
  });

  it('finds logits outside [0, 1]', () => {
    expect(detectScoreKind({ ...base, data: Float32Array.from([2, -1, 0.5, 0.5]) })).toBe('logits');
  });

  it('finds logits whose sums differ from 1', () => {
    expect(detectScoreKind({ ...base, data: Float32Array.from([0.3, 0.3, 0.5, 0.5]) })).toBe(
      'logits',
    );
  });

  it('treats NaN as logits', () => {
    expect(detectScoreKind({ ...base, data: Float32Array.from([NaN, 1, 0.5, 0.5]) })).toBe(
      'logits',
    );
  });
});
