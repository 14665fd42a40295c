import { describe, expect, it } from 'vitest';
import type { BaselineComparison } from '../../../src/checks/regression.js';
import {
  baselineHeadline,
  changedClasses,
  formatDelta,
} from '../../../src/report/baseline-text.js';
import { renderMarkdownSummary } from '../../../src/report/markdown.js';
import { renderTerminalSummary } from '../../../src/report/terminal.js';
import { sampleReport } from './sample-reports.js';

const comparison: BaselineComparison = {
  source: 'out/base|line.json',
  deltaMiou: -0.01234,
  interval: [-0.0201, -0.00512],
  resamples: 1000,
  seed: 12345,
  classes: [
    { id: 0, name: 'background', baselineIou: 0.9, iou: 0.9, delta: 0 },
    { id: 1, name: 'person', baselineIou: 0.76, iou: 0.5, delta: -0.26 },
    { id: 2, name: 'car', baselineIou: 0.5, iou: 0.55, delta: 0.05 },
    { id: 3, name: 'cow', baselineIou: null, iou: 0.2, delta: null },
  ],
};

describe('formatDelta', () => {
  it('signs and rounds differences', () => {
    expect(formatDelta(0.01234)).toBe('+0.0123');
    expect(formatDelta(-0.00456)).toBe('-0.0046');
    expect(formatDelta(0.00001)).toBe('0.0000');
    expect(formatDelta(null)).toBe('—');
  });
});

describe('baseline summaries', () => {
  it('states the difference with its interval and source', () => {
    expect(baselineHeadline(comparison)).toBe(
      'ΔmIoU -0.0123 (95 % interval -0.0201 to -0.0051, 1000 paired bootstrap resamples) against out/base|line.json',
    );
  });

  it('lists changed classes, largest loss first', () => {
    expect(changedClasses(comparison).map((entry) => entry.name)).toEqual(['person', 'car']);
  });

  it('adds a Markdown section with escaped names', () => {
    const markdown = renderMarkdownSummary({ ...sampleReport(), baseline: comparison });

    expect(markdown).toContain('### Against the baseline');
    expect(markdown).toContain('out/base\\|line.json');
    expect(markdown).toContain('| person | 0.7600 | 0.5000 | -0.2600 |');
  });

  it('adds terminal lines', () => {
    const text = renderTerminalSummary(
      { ...sampleReport(), baseline: comparison },
      { color: false, width: 120 },
    );

    expect(text).toContain('Against the baseline');
    expect(text).toContain('person: 0.7600 -> 0.5000 (-0.2600)');
  });
});
