import { describe, expect, it } from 'vitest';

import { decodeOutput, outputExtent } from '../../../src/segmenters/output.js';
import type { DecodeRequest, RawOutput } from '../../../src/segmenters/output.js';
import { planOutput } from '../../../src/segmenters/output-form.js';
import type { OutputPlan } from '../../../src/segmenters/output-form.js';

function planFor(raw: RawOutput, numClasses: number, layout: 'nhwc' | 'nchw' = 'nhwc'): OutputPlan {
  const decision = planOutput('model.onnx', raw.type, raw.dims, layout, numClasses);
  if (decision.kind !== 'plan') {
    throw new Error(`expected a plan, got ${decision.finding.detail}`);
  }
  return decision.plan;
}

function request(overrides: Partial<DecodeRequest> = {}): DecodeRequest {
  return {
    subject: 'img',
    numClasses: 3,
    upsample: 'logits',
    labelSize: { width: 2, height: 2 },
    inputSize: { width: 2, height: 2 },
    valid: { width: 2, height: 2 },
    alwaysSigmoid: false,
    ...overrides,
  };
}

/** NHWC logits [1,2,2,3] whose argmax is 0, 1 / 2, 0 (row-major). */
const LOGITS: RawOutput = {
  type: 'float32',
  dims: [1, 2, 2, 3],
  data: Float32Array.from([5, 0, 0, 0, 5, 0, 0, 0, 5, 5, -3, 0]),
};

describe('decodeOutput', () => {
  it('decodes logits at the same size', () => {
    const decoded = decodeOutput(LOGITS, planFor(LOGITS, 3), request());
    expect(decoded.findings).toEqual([]);
    expect(decoded.mask).toEqual({ width: 2, height: 2, data: Uint8Array.from([0, 1, 2, 0]) });
    expect(decoded.stats).toEqual({ nonFinite: 0, maxAbs: 5, predictedHistogram: [2, 1, 1] });
  });

  it('enlarges class ids by nearest neighbour with upsample classes', () => {
    const decoded = decodeOutput(
      LOGITS,
      planFor(LOGITS, 3),
      request({ upsample: 'classes', labelSize: { width: 4, height: 2 } }),
    );
    expect([...(decoded.mask?.data ?? [])]).toEqual([0, 0, 1, 1, 2, 2, 0, 0]);
    expect(decoded.stats.predictedHistogram).toEqual([4, 2, 2]);
  });

  it('crops the padded part before resizing', () => {
    // The image covers the left column of the input, and the right column is padding.
    const decoded = decodeOutput(
      LOGITS,
      planFor(LOGITS, 3),
      request({ valid: { width: 1, height: 2 }, labelSize: { width: 3, height: 2 } }),
    );
    expect([...(decoded.mask?.data ?? [])]).toEqual([0, 0, 0, 2, 2, 2]);
  });

  it('counts NaN and infinities and returns no mask', () => {
    const raw: RawOutput = {
      type: 'float32',
      dims: [1, 2, 2, 3],
      data: Float32Array.from([NaN, 0, 0, 0, Infinity, 0, 0, 0, -Infinity, 7, -9, 0]),
    };
    const decoded = decodeOutput(raw, planFor(raw, 3), request());
    expect(decoded.mask).toBeNull();
    expect(decoded.stats).toEqual({ nonFinite: 3, maxAbs: 9 });
    expect(decoded.findings).toEqual([
      {
        source: 'model',
        kind: 'output',
        subject: 'img',
        detail: '3 of 12 output values are NaN or infinite',
      },
    ]);
  });

  it('reads int64 class ids', () => {
    const raw: RawOutput = {
      type: 'int64',
      dims: [1, 2, 2],
      data: BigInt64Array.from([0n, 2n, 1n, 1n]),
    };
    const decoded = decodeOutput(raw, planFor(raw, 3), request());
    expect([...(decoded.mask?.data ?? [])]).toEqual([0, 2, 1, 1]);
    expect(decoded.stats).toEqual({ nonFinite: 0, maxAbs: 2, predictedHistogram: [1, 2, 1] });
  });

  it('rejects class ids outside the class range', () => {
    const raw: RawOutput = { type: 'int32', dims: [1, 2, 2], data: Int32Array.from([0, 3, 3, -1]) };
    const decoded = decodeOutput(raw, planFor(raw, 3), request());
    expect(decoded.mask).toBeNull();
    expect(decoded.findings).toEqual([
      {
        source: 'model',
        kind: 'output',
        subject: 'img',
        detail: 'class ids outside 0..2 in the model output',
        values: new Map([
          [3, 2],
          [-1, 1],
        ]),
      },
    ]);
  });

  it('applies the sigmoid to one channel outside [0, 1]', () => {
    const raw: RawOutput = {
      type: 'float32',
      dims: [1, 2, 2, 1],
      data: Float32Array.from([-4, 0.2, 0.3, 4]),
    };
    const decoded = decodeOutput(raw, planFor(raw, 2), request({ numClasses: 2 }));
    // sigmoid gives 0.018, 0.55, 0.57, 0.98: the logits 0.2 and 0.3 lie above 0.
    expect([...(decoded.mask?.data ?? [])]).toEqual([0, 1, 1, 1]);
  });

  it('thresholds probabilities of one channel', () => {
    const raw: RawOutput = {
      type: 'float32',
      dims: [1, 2, 2, 1],
      data: Float32Array.from([0.1, 0.2, 0.3, 0.9]),
    };
    const decoded = decodeOutput(raw, planFor(raw, 2), request({ numClasses: 2 }));
    expect([...(decoded.mask?.data ?? [])]).toEqual([0, 0, 0, 1]);
  });

  it('applies the sigmoid with alwaysSigmoid', () => {
    const raw: RawOutput = {
      type: 'float32',
      dims: [1, 2, 2, 1],
      data: Float32Array.from([0.1, 0.2, 0.3, 0.9]),
    };
    const decoded = decodeOutput(
      raw,
      planFor(raw, 2),
      request({ numClasses: 2, alwaysSigmoid: true }),
    );
    expect([...(decoded.mask?.data ?? [])]).toEqual([1, 1, 1, 1]);
  });

  it('reports an output shape that changed', () => {
    const plan = planFor(LOGITS, 3);
    const raw: RawOutput = { type: 'float32', dims: [1, 1, 4, 3], data: LOGITS.data };
    const decoded = decodeOutput(raw, plan, request());
    expect(decoded.mask).toBeNull();
    expect(decoded.findings[0]?.detail).toBe(
      'output shape [1,1,4,3] differs from [1,2,2,3], the shape the decoding was planned for',
    );
  });

  it('decodes NCHW scores', () => {
    // Channel planes: class 0 wins at pixel 0, class 1 at pixels 1 and 2, class 2 at pixel 3.
    const raw: RawOutput = {
      type: 'float32',
      dims: [1, 3, 2, 2],
      data: Float32Array.from([9, 0, 0, 0, 0, 9, 9, 0, 0, 0, 0, 9]),
    };
    const decoded = decodeOutput(raw, planFor(raw, 3, 'nchw'), request());
    expect([...(decoded.mask?.data ?? [])]).toEqual([0, 1, 1, 2]);
  });
});

describe('outputExtent', () => {
  it('scales the valid region to the output stride', () => {
    const plan = planFor({ type: 'float32', dims: [1, 64, 64, 3], data: new Float32Array(0) }, 3);
    const extent = outputExtent(plan, { width: 512, height: 512 }, { width: 512, height: 384 });
    expect(extent).toEqual({ width: 64, height: 48 });
  });

  it('may be fractional', () => {
    const plan = planFor({ type: 'float32', dims: [1, 33, 33, 3], data: new Float32Array(0) }, 3);
    const extent = outputExtent(plan, { width: 257, height: 257 }, { width: 257, height: 193 });
    expect(extent.width).toBe(33);
    expect(extent.height).toBeCloseTo((193 * 33) / 257, 12);
  });
});
