import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdownSummary } from '../../../src/report/markdown.js';
import type { Report } from '../../../src/report/types.js';
import { errorReport, sampleReport } from './sample-reports.js';

/** Returns the sample report with a hostile class name and check id. */
function reportWithHostileText(): Report {
  const report = sampleReport();
  return {
    ...report,
    classes: report.classes.map((entry) =>
      entry.id === 3 ? { ...entry, name: 'a|b<script>' } : entry,
    ),
    checks: report.checks.map((check) =>
      check.status === 'fail'
        ? { ...check, id: 'contract.x*_y', message: 'see [link](http://x) & `code`\n# heading' }
        : check,
    ),
  };
}

describe('renderMarkdownSummary', () => {
  it('renders the failed sample report', async () => {
    await expect(renderMarkdownSummary(sampleReport())).toMatchFileSnapshot(
      './__snapshots__/summary-fail.md',
    );
  });

  it('renders the error report', async () => {
    await expect(renderMarkdownSummary(errorReport())).toMatchFileSnapshot(
      './__snapshots__/summary-error.md',
    );
  });

  it('starts with the verdict', () => {
    expect(renderMarkdownSummary(sampleReport()).split('\n')[0]).toBe('## seg-gate: FAIL');
  });

  it('gives the error reason after the verdict', () => {
    const lines = renderMarkdownSummary(errorReport()).split('\n');

    expect(lines[0]).toBe('## seg-gate: ERROR');
    expect(lines[2]).toMatch(/^The evaluation could not run \(input error\): Label file not found/);
  });

  it('renders a passing report', () => {
    const report: Report = {
      ...sampleReport(),
      verdict: 'pass',
      checks: [{ id: 'threshold.miou', status: 'pass', message: 'ok' }],
      warnings: [],
    };

    const markdown = renderMarkdownSummary(report);

    expect(markdown.startsWith('## seg-gate: PASS\n\nChecks: 0 failed, 0 warned, 1 passed')).toBe(
      true,
    );
    expect(markdown).not.toContain('### Failed checks');
    expect(markdown).not.toContain('### Warnings');
  });

  it('orders the sections', () => {
    const markdown = renderMarkdownSummary(sampleReport());
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));

    expect(headings).toEqual([
      '## seg-gate: FAIL',
      '### Failed checks',
      '### Warnings',
      '### Metrics',
      '### Per-class scores',
      '### Model and preprocessing',
      '### Dataset',
      '### Timings',
    ]);
  });

  it('shows null scores as a dash', () => {
    const markdown = renderMarkdownSummary(sampleReport());

    expect(markdown).toContain('| 10 | cow | — | — | — | 0 |');
    expect(markdown).toContain('| 18 | sofa | 0.0000 | — | 0.0000 | 0 |');
  });

  it('shortens the fingerprint', () => {
    const markdown = renderMarkdownSummary(sampleReport());

    expect(markdown).toContain('| Fingerprint | sha256 9f2c4e81d0b7… |');
    expect(markdown).not.toContain('9f2c4e81d0b7a');
  });

  it('escapes a hostile class name', () => {
    const markdown = renderMarkdownSummary(reportWithHostileText());

    expect(markdown).toContain('| 3 | a\\|b&lt;script&gt; | ');
    expect(markdown).not.toContain('<script>');
  });

  it('escapes a check id and message', () => {
    const markdown = renderMarkdownSummary(reportWithHostileText());

    expect(markdown).toContain(
      '- **contract.x\\*\\_y**: see \\[link\\](http://x) &amp; \\`code\\` # heading',
    );
    expect(markdown).not.toMatch(/^# heading/m);
  });

  it('escapes file names', () => {
    const report = sampleReport();
    const markdown = renderMarkdownSummary({
      ...report,
      model: { ...report.model!, path: '/models/my_model|v2.onnx' },
    });

    expect(markdown).toContain('| Path | /models/my\\_model\\|v2.onnx |');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['plain text 2007.5', 'plain text 2007.5'],
    ['a|b<script>', 'a\\|b&lt;script&gt;'],
    ['x*_y', 'x\\*\\_y'],
    ['`code` [l](u) ~s~ $m$ \\', '\\`code\\` \\[l\\](u) \\~s\\~ \\$m\\$ \\\\'],
    ['&amp; stays literal', '&amp;amp; stays literal'],
    ['line one\n\n  line two', 'line one line two'],
    ['# title', '\\# title'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['2007_000033', '2007\\_000033'],
  ])('escapes %j', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });
});
