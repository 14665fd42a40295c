import { formatDuration, NO_VALUE } from '../../report/format.js';
import { escapeMarkdown } from '../../report/markdown.js';
import type { TrainingSummary } from '../training-report.js';
import { clip, table } from './sections.js';

/**
 * Renders the training run: steps run against steps requested, the first and last step loss
 * (4 decimals), the mean step time, the TensorFlow.js backend, and each `training.` check with its
 * status. Failed and warned checks also get their message.
 */
export function trainingSection(training: TrainingSummary): string {
  const { losses } = training;
  const requested = training.requestedSteps === null ? '' : ` of ${training.requestedSteps}`;
  const backend =
    training.backend === null
      ? NO_VALUE
      : escapeMarkdown(
          training.backend.source === ''
            ? training.backend.name
            : `${training.backend.name} (${training.backend.source})`,
        );
  const rows = [
    ['Steps', `${losses.length}${requested}`],
    ['First loss', formatLoss(losses.length === 0 ? null : (losses[0] ?? null))],
    ['Last loss', formatLoss(losses.length === 0 ? null : (losses[losses.length - 1] ?? null))],
    [
      'Mean step time',
      training.meanStepMs === null ? NO_VALUE : formatDuration(training.meanStepMs),
    ],
    ['Backend', backend],
  ];
  const lines = ['### Training', '', table(['Training', 'Value'], rows, ['left', 'left'])];

  if (training.checks.length > 0) {
    const checkRows = training.checks.map((check) => [escapeMarkdown(check.id), check.status]);
    lines.push('', table(['Check', 'Status'], checkRows, ['left', 'left']));
  }

  const notable = training.checks.filter(
    (check) => check.status === 'fail' || check.status === 'warn',
  );
  if (notable.length > 0) {
    lines.push(
      '',
      ...notable.map(
        (check) => `- **${escapeMarkdown(check.id)}**: ${escapeMarkdown(clip(check.message))}`,
      ),
    );
  }
  return lines.join('\n');
}

function formatLoss(loss: number | null): string {
  return loss === null ? NO_VALUE : loss.toFixed(4);
}
