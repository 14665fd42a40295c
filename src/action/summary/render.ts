import { STEP_SUMMARY_LIMIT_BYTES } from '../constants.js';
import { fitSections } from './fit.js';
import { renderIouChart } from './mermaid.js';
import {
  baselineSection,
  classesSection,
  confusionMatrixSection,
  confusionsSection,
  failedChecksSection,
  metricsSection,
  overlaysSection,
  verdictSection,
  warningsSection,
} from './sections.js';
import { trainingSection } from './training.js';
import type { SummaryInput, SummarySection } from './types.js';

/** Bytes left free under GitHub's limit, for content other steps' tools may count. */
const SUMMARY_MARGIN_BYTES = 1024;

/**
 * Renders the job summary. The verdict comes first, then failed checks with their likely fix,
 * warnings, the training run of a `train-steps` run, headline metrics with the change against the
 * baseline, and where the baseline came from. The per-class table, top confusions, per-class IoU chart, overlay list and the collapsed
 * full confusion matrix follow. The result stays under GitHub's 1 MiB step summary limit because
 * the least important parts are left out first, with a note.
 */
export function renderJobSummary(
  input: SummaryInput,
  limitBytes = STEP_SUMMARY_LIMIT_BYTES - SUMMARY_MARGIN_BYTES,
): string {
  const report = input.report;
  const sections: SummarySection[] = [
    { title: 'verdict', priority: 'required', markdown: verdictSection(input) },
  ];

  if (report !== null) {
    sections.push(
      {
        title: 'failed checks',
        priority: 'required',
        markdown: failedChecksSection(report.checks),
      },
      { title: 'warnings', priority: 6, markdown: warningsSection(report) },
    );
  }
  if (input.training !== null) {
    sections.push({
      title: 'training',
      priority: 'required',
      markdown: trainingSection(input.training),
    });
  }
  if (report !== null) {
    sections.push({
      title: 'metrics',
      priority: 'required',
      markdown: metricsSection(report),
    });
  }
  sections.push({ title: 'baseline', priority: 'required', markdown: baselineSection(input) });

  if (report !== null) {
    sections.push(
      {
        title: 'per-class scores',
        priority: 5,
        markdown: classesSection(report.classes, report.baseline, input.thresholds),
      },
      { title: 'top confusions', priority: 4, markdown: confusionsSection(report) },
      { title: 'IoU chart', priority: 2, markdown: renderIouChart(report.classes) },
    );
  }
  sections.push({ title: 'overlay list', priority: 3, markdown: overlaysSection(input.overlays) });
  if (report !== null) {
    sections.push({
      title: 'confusion matrix',
      priority: 1,
      markdown: confusionMatrixSection(report),
    });
  }

  return fitSections(sections, limitBytes);
}
