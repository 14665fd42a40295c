/**
 * Likely fixes for failed checks, by check id. Ids that are not listed fall back to the hint of
 * their family (the id up to its last `.`), then to a general hint.
 */
const HINTS: Readonly<Record<string, string>> = {
  'contract.labels.encoding':
    'Save labels as 8-bit palette or greyscale PNGs whose values are class ids, not colours (VOC `SegmentationClass` PNGs are palette images).',
  'contract.labels.ids':
    'Set `num-classes` and `ignore-index` to match the labels, or remap the stray values in the label files.',
  'contract.labels.size':
    'Re-export the labels at the size of their images; a label is never resized to fit.',
  'contract.labels.interpolated':
    'Labels were resized with interpolation, which invents ids along class borders: resize labels with nearest-neighbour sampling.',
  'contract.labels.ignored-share':
    'Much of the labels is the ignore index: check `ignore-index` and that the labels are not blank.',
  'contract.predictions.encoding':
    'Write predictions as 8-bit palette or greyscale PNGs of class ids, one per image id.',
  'contract.predictions.ids':
    'Predictions hold ids outside 0..num-classes-1: check `num-classes` and the id mapping of the exporter.',
  'contract.predictions.size':
    'Write each prediction at the size of its label (upsample the logits before the argmax).',
  'contract.predictions.constant':
    'Prediction files hold one value each: check that the exporter writes the argmax, not a channel or a score.',
  'contract.model.layout':
    'Set `layout: nhwc` or `layout: nchw` to say how the model lays out its tensors.',
  'contract.model.channels':
    'Set `num-classes` to the number of output channels, or export the model with one channel per class.',
  'contract.model.output':
    'The model output cannot be decoded into class ids: check the output rank and type of the export.',
  'contract.model.non-finite':
    'The model output has NaN or infinite values: check `normalize` and the input scaling the model was trained with.',
  'contract.model.logit-magnitude':
    'The logits are unusually large: the input is probably scaled wrongly; check `normalize` and `channel-order`.',
  'contract.model.batch-consistency':
    'An image scores differently alone and inside a batch: export the model in inference mode (batch normalisation and dropout in eval mode).',
  'collapse.dominant-class':
    'One class takes most predicted pixels: check `normalize`, `channel-order` and `input-size` against how the model was trained.',
  'collapse.missing-classes':
    'Classes present in the labels are never predicted: check `num-classes`, `class-names` and the class order of the model.',
  'collapse.per-image':
    'Images were predicted as a single class: check the preprocessing (`normalize`, `resize`, `input-size`).',
  'collapse.trivial-baseline':
    'The model does no better than predicting the majority class everywhere: check the preprocessing and the model file.',
  'threshold.miou':
    'The mIoU is below `min-miou`: improve the model, or lower the threshold when the drop is intended.',
  'threshold.class-iou':
    'A class IoU is below `min-class-iou`: look at the per-class table and the overlays of the worst images.',
  'threshold.class-recall':
    'A class recall is below `min-class-recall`: look at the top confusions for where its pixels go.',
  'regression.miou':
    'The mIoU dropped against the baseline beyond its confidence interval: compare with the baseline commit, or set a new `baseline-key` when the change is intended.',
  'regression.class-iou':
    'A class IoU dropped against the baseline: compare the per-class table with the baseline commit.',
  contract: 'Fix the data or model contract named in the message.',
  collapse:
    'Predictions collapsed onto few classes: check `normalize`, `channel-order` and `input-size` against how the model was trained.',
  threshold: 'Improve the model, or lower the threshold in the workflow when the drop is intended.',
  regression:
    'The model scores below the baseline: compare the change against the baseline commit, or set a new `baseline-key` when the change is intended.',
};

const GENERAL_HINT = 'Read the evidence in the message and the full report (output `report-path`).';

/** Returns the likely fix for a failed check. */
export function likelyFix(checkId: string): string {
  let id = checkId;
  for (;;) {
    const hint = HINTS[id];
    if (hint !== undefined) {
      return hint;
    }
    const dot = id.lastIndexOf('.');
    if (dot < 0) {
      return GENERAL_HINT;
    }
    id = id.slice(0, dot);
  }
}
