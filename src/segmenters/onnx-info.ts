import type { ResizeMode, UpsampleMode } from '../config/settings.js';
import { formatShape } from './layout.js';
import type { OutputPlan } from './output-form.js';
import { BINARY_THRESHOLD } from './score-view.js';

/**
 * Form of the output values, as recorded in the report: per-class `logits` or `probabilities`,
 * integer `class-ids`, or one channel of logits that goes through a `sigmoid`.
 */
export type OutputFormName = 'logits' | 'probabilities' | 'class-ids' | 'sigmoid';

/**
 * Describes the decoding path of an output for the report. Example:
 * `NHWC float32 logits [1,257,257,21] -> crop -> bilinear to label size -> argmax`.
 */
export function describeDecoding(
  plan: OutputPlan,
  type: string,
  form: OutputFormName,
  resize: ResizeMode,
  upsample: UpsampleMode,
): string {
  const shape = formatShape(plan.dims);
  const crop = resize === 'pad' ? ['crop'] : [];

  if (plan.form === 'class-ids') {
    return [`${type} class ids ${shape}`, ...crop, 'nearest to label size'].join(' -> ');
  }

  const values = form === 'sigmoid' ? 'logits' : form;
  const head = [`${plan.layout.toUpperCase()} ${type} ${values} ${shape}`];
  if (form === 'sigmoid') {
    head.push('sigmoid');
  }
  const pick = plan.form === 'binary' ? `threshold ${BINARY_THRESHOLD}` : 'argmax';

  const steps =
    upsample === 'logits'
      ? [...head, ...crop, 'bilinear to label size', pick]
      : [...head, pick, ...crop, 'nearest to label size'];
  return steps.join(' -> ');
}
