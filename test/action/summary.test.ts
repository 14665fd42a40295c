import { describe, expect, it } from 'vitest';

import { formatDelta, formatOutputNumber } from '../../src/action/numbers.js';
import { fitSections } from '../../src/action/summary/fit.js';
import { likelyFix } from '../../src/action/summary/hints.js';
import { chartLabel, renderIouChart } from '../../src/action/summary/mermaid.js';
import { renderJobSummary } from '../../src/action/summary/render.js';
import type { SummaryInput } from '../../src/action/summary/types.js';
import { CHECK_IDS } from '../../src/checks/ids.js';
import { makeReport } from './helpers/report-fixture.js';

const NAMES = ['background', 'cat <b>|bold</b>', 'dog'];

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    outcome: { kind: 'pass' },
    report: makeReport({ classNames: NAMES, ious: [0.9, 0.25, null] }),
    baseline: {
      kind: 'none',
      reason: 'no cache service: ACTIONS_CACHE_URL is not set',
      warn: true,
    },
    baselineRejection: null,
    save: null,
    overlays: [],
    reportPath: '/t/report.json',
    thresholds: { minClassIou: null, minClassRecall: null, maxClassIouDrop: 0.1 },
    training: null,
    ...overrides,
  };
}

describe('renderJobSummary', () => {
  it('renders a small report', () => {
    expect(renderJobSummary(input())).toMatchInlineSnapshot(`
      "## seg-gate: ✅ PASS

      \`model.onnx\` on 4 images: 0 failed, 0 warned, 1 passed, 0 skipped checks.

      ### Metrics

      | Metric | Value | Δ vs baseline | Confidence interval of Δ |
      | :--- | ---: | ---: | ---: |
      | mIoU | 0.5750 | — | — |
      | Pixel accuracy | 0.8750 | — | — |
      | Mean recall | 0.5750 | — | — |
      | Frequency-weighted IoU | 0.8000 | — | — |

      Scored pixels: 2,100, ignored: 40, unscored: 0.

      ### Baseline

      No baseline: no cache service: ACTIONS\\_CACHE\\_URL is not set. Regression checks were skipped.

      ### Per-class scores

      | Id | Class | IoU | Recall | Δ IoU | Support (pixels) | Status |
      | ---: | :--- | ---: | ---: | ---: | ---: | :--- |
      | 0 | background | 0.9000 | 0.9000 | — | 100 |  |
      | 1 | cat &lt;b&gt;\\|bold&lt;/b&gt; | 0.2500 | 0.2500 | — | 100 |  |
      | 2 | dog | — | — | — | 0 | — |

      Marks need the \`min-class-iou\` or \`min-class-recall\` input, or a baseline; \`—\` is a class absent from labels and predictions.

      ### Top confusions

      | True class | Predicted as | Pixels | Share of the true class |
      | :--- | :--- | ---: | ---: |
      | cat &lt;b&gt;\\|bold&lt;/b&gt; | background | 75 | 75.0% |
      | background | cat &lt;b&gt;\\|bold&lt;/b&gt; | 10 | 10.0% |

      \`\`\`mermaid
      xychart-beta
          title "Per-class IoU"
          x-axis ["background", "cat b |bold /b"]
          y-axis "IoU" 0 --> 1
          bar [0.9000, 0.2500]
      \`\`\`

      <details>
      <summary>Confusion matrix (rows: true class, columns: predicted class id, pixels)</summary>

      | True class | 0 | 1 | 2 |
      | :--- | ---: | ---: | ---: |
      | 0 background | 90 | 10 | 0 |
      | 1 cat &lt;b&gt;\\|bold&lt;/b&gt; | 75 | 25 | 0 |
      | 2 dog | 0 | 0 | 0 |

      </details>
      "
    `);
  });

  it('shows the change against the baseline', () => {
    const markdown = renderJobSummary(
      input({
        baseline: {
          kind: 'cache',
          path: '/t/b.json',
          key: 'ns-0123456789abcdef0123',
          commit: '0123456789abcdef0123',
        },
        report: {
          ...makeReport({ classNames: NAMES, ious: [0.9, 0.25, null] }),
          baseline: {
            source: '/t/b.json',
            deltaMiou: -0.0421,
            interval: [-0.061, -0.02],
            resamples: 1000,
            seed: 3,
            classes: [
              { id: 0, name: 'background', baselineIou: 0.91, iou: 0.9, delta: -0.01 },
              { id: 1, name: 'cat', baselineIou: 0.3, iou: 0.25, delta: -0.05 },
            ],
          },
        },
        thresholds: { minClassIou: 0.3, minClassRecall: null, maxClassIouDrop: 0.1 },
      }),
    );

    expect(markdown).toContain('| mIoU | 0.5750 | -0.0421 | [-0.0610, -0.0200] |');
    expect(markdown).toContain(
      'The interval comes from 1,000 bootstrap resamples over images (seed 3).',
    );
    expect(markdown).toContain(
      'Compared with the report of default-branch commit `0123456789ab`, restored from the Actions cache (key `ns-0123456789abcdef0123`).',
    );
    expect(markdown).toContain('| 0 | background | 0.9000 | 0.9000 | -0.0100 | 100 | ✅ |');
    expect(markdown).toContain(
      '| 1 | cat &lt;b&gt;\\|bold&lt;/b&gt; | 0.2500 | 0.2500 | -0.0500 | 100 | ❌ |',
    );
    expect(markdown).toContain('| 2 | dog | — | — | — | 0 | — |');
    expect(markdown).toContain(
      '❌ marks a class below IoU 0.3 or that lost more than 0.1 IoU against the baseline;',
    );
  });

  it('marks a class that lost IoU against the baseline without thresholds', () => {
    const markdown = renderJobSummary(
      input({
        report: {
          ...makeReport({ classNames: NAMES, ious: [0.9, 0.25, null] }),
          baseline: {
            source: '/t/b.json',
            deltaMiou: -0.1,
            interval: [-0.2, -0.05],
            resamples: 1000,
            seed: 3,
            classes: [
              { id: 0, name: 'background', baselineIou: 0.91, iou: 0.9, delta: -0.01 },
              { id: 1, name: 'cat', baselineIou: 0.45, iou: 0.25, delta: -0.2 },
            ],
          },
        },
      }),
    );

    expect(markdown).toContain('| 0 | background | 0.9000 | 0.9000 | -0.0100 | 100 | ✅ |');
    expect(markdown).toContain('| -0.2000 | 100 | ❌ |');
    expect(markdown).toContain(
      '❌ marks a class that lost more than 0.1 IoU against the baseline;',
    );
  });

  it('says why a rejected baseline was not compared', () => {
    const markdown = renderJobSummary(
      input({
        baseline: { kind: 'file', path: '/w/baseline/report.json' },
        baselineRejection: 'baseline fingerprint 1096aeb24ceb… vs current ee2c5d3d6d9d…',
      }),
    );

    expect(markdown).toContain(
      'Not compared with `/w/baseline/report.json`, named by the `baseline` input, because the engine rejected it: baseline fingerprint 1096aeb24ceb… vs current ee2c5d3d6d9d…. The engine ran again without a baseline, so regression checks were skipped.',
    );
    expect(markdown).toContain('| mIoU | 0.5750 | — | — |');
  });

  it('notes a compared run without a comparison', () => {
    const markdown = renderJobSummary(
      input({ baseline: { kind: 'file', path: '/w/baseline/report.json' } }),
    );

    expect(markdown).toContain(
      'Compared with `/w/baseline/report.json`, named by the `baseline` input.\n\nThe report has no comparison with the baseline.',
    );
  });

  it('lists overlays worst first by file name', () => {
    const markdown = renderJobSummary(
      input({ overlays: ['/t/overlays/01-2007_001408.png', '/t/overlays/02-2007_001154.png'] }),
    );

    expect(markdown).toContain(
      '### Worst images (2 overlays)\n\nImage, label and prediction side by side in the VOC palette, worst first.',
    );
    expect(markdown).toContain('- `01-2007_001408.png`\n- `02-2007_001154.png`');
  });

  it('puts the verdict first and the error message in it', () => {
    const markdown = renderJobSummary(
      input({
        outcome: { kind: 'error', cause: 'crash', message: 'The engine was killed by SIGSEGV.' },
        report: null,
        baseline: { kind: 'none', reason: 'the evaluation did not run', warn: false },
      }),
    );

    expect(markdown.split('\n')[0]).toBe('## seg-gate: ⚠️ ERROR (crashed)');
    expect(markdown).toContain('The engine was killed by SIGSEGV.');
    expect(markdown).not.toContain('### Metrics');
  });

  it('lists failed checks with the likely fix', () => {
    const report = makeReport({
      verdict: 'fail',
      checks: [
        {
          id: 'collapse.dominant-class',
          status: 'fail',
          message: 'background takes 100.0% of predicted pixels',
        },
      ],
    });
    const markdown = renderJobSummary(input({ outcome: { kind: 'fail' }, report }));

    expect(markdown).toContain('### Failed checks (1)');
    expect(markdown).toContain(
      '- **collapse.dominant-class**: background takes 100.0% of predicted pixels',
    );
    expect(markdown).toContain(`  - Likely fix: ${likelyFix('collapse.dominant-class')}`);
  });

  it('states whether the report was saved as the baseline', () => {
    expect(renderJobSummary(input({ save: { kind: 'saved', key: 'ns-abc' } }))).toContain(
      'Saved this report as the baseline for later pull requests (key `ns-abc`).',
    );
    expect(
      renderJobSummary(
        input({
          save: { kind: 'not-saved', reason: 'the cache service did not answer within 30 s' },
        }),
      ),
    ).toContain(
      'This report was not saved as the baseline: the cache service did not answer within 30 s.',
    );
  });

  it('lists the largest confusions first', () => {
    const markdown = renderJobSummary(
      input({ report: makeReport({ ious: [0.5, 0.2, 0.95, ...Array(18).fill(null)] }) }),
    );
    const section = markdown.slice(markdown.indexOf('### Top confusions'));
    const rows = section
      .split('\n')
      .filter(
        (line) => line.startsWith('| ') && !line.startsWith('| True') && !line.startsWith('| :'),
      );

    expect(rows.slice(0, 3)).toEqual([
      '| aeroplane | background | 80 | 80.0% |',
      '| background | aeroplane | 50 | 50.0% |',
      '| bicycle | background | 5 | 5.0% |',
    ]);
  });

  it('stays under the size limit by leaving out the last parts', () => {
    const names = Array.from({ length: 150 }, (_, id) => `class number ${id}`);
    const report = makeReport({ classNames: names, ious: names.map((_, id) => (id % 7) / 7) });
    const full = renderJobSummary(input({ report }));
    const limit = 40_000;
    const fitted = renderJobSummary(input({ report }), limit);

    expect(Buffer.byteLength(full)).toBeGreaterThan(limit);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(limit);
    expect(fitted.startsWith('## seg-gate: ✅ PASS')).toBe(true);
    expect(fitted).toContain('### Metrics');
    expect(fitted).toContain(
      "> Left out to stay under GitHub's 40000 byte job summary limit: confusion matrix",
    );
  });
});

describe('fitSections', () => {
  it('cuts required text at a line break with a note', () => {
    const long = Array.from({ length: 2000 }, (_, index) => `line ${index} ${'x'.repeat(20)}`).join(
      '\n',
    );
    const fitted = fitSections(
      [{ title: 'verdict', priority: 'required', markdown: long }],
      10_000,
    );

    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(10_000);
    expect(fitted).toMatch(
      /x\n\n> The summary was cut here to stay under GitHub's 10000 byte job summary limit\./,
    );
  });
});

describe('renderIouChart', () => {
  it('draws present classes as bars', () => {
    const report = makeReport({ classNames: NAMES, ious: [0.9, 0.25, null] });

    expect(renderIouChart(report.classes)).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '    title "Per-class IoU"',
        '    x-axis ["background", "cat b |bold /b"]',
        '    y-axis "IoU" 0 --> 1',
        '    bar [0.9000, 0.2500]',
        '```',
      ].join('\n'),
    );
  });

  it('keeps the lowest 40 of many classes', () => {
    const names = Array.from({ length: 60 }, (_, id) => `c${id}`);
    const chart = renderIouChart(
      makeReport({ classNames: names, ious: names.map((_, id) => id / 100) }).classes,
    );

    expect(chart).toContain('title "Per-class IoU, the 40 lowest of 60 classes"');
    expect(chart).toContain('"c39"]');
    expect(chart).not.toContain('"c40"');
  });

  it('makes labels safe inside quotes and code fences', () => {
    expect(chartLabel('a "quoted" `name`\nwith [brackets]')).toBe("a 'quoted' name with br…");
    expect(chartLabel('```')).toBe('?');
  });
});

describe('likelyFix', () => {
  it('has a specific hint for every check id', () => {
    const general = likelyFix('unknown');
    for (const id of CHECK_IDS) {
      expect(likelyFix(id), id).not.toBe(general);
    }
  });

  it('falls back to the family hint', () => {
    expect(likelyFix('collapse.future-check')).toBe(likelyFix('collapse'));
    expect(likelyFix('other.check')).toBe(
      'Read the evidence in the message and the full report (output `report-path`).',
    );
  });
});

describe('formatOutputNumber', () => {
  it('writes plain decimals without exponents', () => {
    expect(formatOutputNumber(0.59123456)).toBe('0.591235');
    expect(formatOutputNumber(1)).toBe('1');
    expect(formatOutputNumber(0)).toBe('0');
    expect(formatOutputNumber(1e-7)).toBe('0');
    expect(formatOutputNumber(2.5e-6)).toBe('0.000003');
    expect(formatOutputNumber(-1e-9)).toBe('0');
    expect(formatOutputNumber(null)).toBe('');
    expect(formatOutputNumber(Number.NaN)).toBe('');
  });

  it('signs differences', () => {
    expect(formatDelta(0.01234)).toBe('+0.0123');
    expect(formatDelta(-0.004)).toBe('-0.0040');
    expect(formatDelta(0.00001)).toBe('0.0000');
    expect(formatDelta(null)).toBe('—');
  });
});
