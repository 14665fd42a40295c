import type { CheckRecord } from '../checks/types.js';
import { ANNOTATIONS_PER_LEVEL } from './constants.js';

/** One annotation on the run page. */
export interface Annotation {
  readonly title: string;
  readonly message: string;
}

/** The annotations of one step, planned to fit GitHub's limits. */
export interface AnnotationPlan {
  /** Failed checks shown one by one. */
  readonly errors: readonly Annotation[];
  /** The message for `setFailed`, itself an error annotation; it groups the remaining checks. */
  readonly failure: string | null;
  readonly warnings: readonly Annotation[];
}

/** Maximum annotation message length, in characters. */
const MAX_MESSAGE_LENGTH = 4000;

/**
 * Plans the step's annotations. GitHub shows at most 10 error and 10 warning annotations per
 * step, so failed checks get 9 error annotations and the failure message lists the rest in a
 * tenth. Warnings likewise get 9 annotations and a tenth that groups the rest.
 */
export function planAnnotations(
  failureHeadline: string | null,
  failedChecks: readonly CheckRecord[],
  warnings: readonly Annotation[],
): AnnotationPlan {
  const shown = failedChecks.slice(0, ANNOTATIONS_PER_LEVEL - 1);
  const rest = failedChecks.slice(ANNOTATIONS_PER_LEVEL - 1);

  const errors = shown.map((check) => ({
    title: `seg-gate: ${check.id}`,
    message: clip(check.message),
  }));

  let failure = failureHeadline;
  if (failure !== null && rest.length > 0) {
    const listed = rest.map((check) => `${check.id}: ${check.message}`).join('\n');
    failure = clip(`${failure}\n${rest.length} more failed checks:\n${listed}`);
  }

  return { errors, failure, warnings: groupWarnings(warnings) };
}

function groupWarnings(warnings: readonly Annotation[]): Annotation[] {
  if (warnings.length <= ANNOTATIONS_PER_LEVEL) {
    return [...warnings];
  }
  const shown = warnings.slice(0, ANNOTATIONS_PER_LEVEL - 1);
  const rest = warnings.slice(ANNOTATIONS_PER_LEVEL - 1);
  return [
    ...shown,
    {
      title: `seg-gate: ${rest.length} more warnings`,
      message: clip(rest.map((warning) => `${warning.title}: ${warning.message}`).join('\n')),
    },
  ];
}

function clip(text: string): string {
  return text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}
