import type { ContractFinding } from '../checks/types.js';
import type { Segmenter, SegmenterInfo, SegmenterOutput } from './types.js';

/**
 * Builds the segmenter of a model that broke a model-wide contract when it was opened (an
 * ambiguous layout or a channel count that differs from `--num-classes`). It reports `findings`
 * once as `openFindings` and returns no mask for any image, so nothing is scored.
 */
export function unscorableSegmenter(
  info: SegmenterInfo,
  findings: readonly ContractFinding[],
  release: () => Promise<void>,
): Segmenter {
  const output: SegmenterOutput = { mask: null, findings: [], inferenceMs: 0, preprocessMs: 0 };
  return {
    info,
    openFindings: findings,
    segment: () => Promise.resolve(output),
    dispose: release,
  };
}
