/**
 * Every check id that a run can report, in report order. The check-level map of the config is
 * validated against this list, so a new check must be added here.
 */
export const CHECK_IDS = [
  'contract.labels.encoding',
  'contract.labels.ids',
  'contract.labels.size',
  'contract.labels.interpolated',
  'contract.labels.ignored-share',
  'contract.predictions.encoding',
  'contract.predictions.ids',
  'contract.predictions.size',
  'contract.predictions.constant',
  'contract.model.layout',
  'contract.model.channels',
  'contract.model.output',
  'contract.model.non-finite',
  'contract.model.logit-magnitude',
  'contract.model.batch-consistency',
  'collapse.dominant-class',
  'collapse.missing-classes',
  'collapse.per-image',
  'collapse.trivial-baseline',
  'threshold.miou',
  'threshold.class-iou',
  'threshold.class-recall',
  'regression.miou',
  'regression.class-iou',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

const KNOWN_IDS: ReadonlySet<string> = new Set(CHECK_IDS);

/** True when `id` is one of {@link CHECK_IDS}. */
export function isCheckId(id: string): id is CheckId {
  return KNOWN_IDS.has(id);
}
