import { describe, expect, it } from 'vitest';
import {
  colorFromEnvironment,
  renderTerminalSummary,
  sanitizeTerminalText,
} from '../../../src/report/terminal.js';
import type { Report } from '../../../src/report/types.js';
import { errorReport, sampleReport } from './sample-reports.js';

// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-9;]*m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/** Lines of the per-class table: from its header to the blank line after it. */
function classTableLines(summary: string): string[] {
  const lines = summary.split('\n');
  const start = lines.indexOf('Per-class scores') + 1;
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('renderTerminalSummary', () => {
  it('renders the failed sample report', async () => {
    await expect(renderTerminalSummary(sampleReport(), { color: false })).toMatchFileSnapshot(
      './__snapshots__/terminal-fail.txt',
    );
  });

  it('renders the error report', async () => {
    await expect(renderTerminalSummary(errorReport(), { color: false })).toMatchFileSnapshot(
      './__snapshots__/terminal-error.txt',
    );
  });

  it('starts with the verdict', () => {
    const summary = renderTerminalSummary(sampleReport(), { color: false });

    expect(summary.split('\n')[0]).toBe('seg-gate: FAIL  1 failed, 1 warned, 3 passed, 1 skipped');
  });

  it('writes no escape codes without color', () => {
    const summary = renderTerminalSummary(sampleReport(), { color: false });

    expect(summary).not.toContain('\u001b');
  });

  it('adds colors that change no text', () => {
    const plain = renderTerminalSummary(sampleReport(), { color: false });
    const colored = renderTerminalSummary(sampleReport(), { color: true });

    expect(colored.startsWith('\u001b[31m\u001b[1mseg-gate: FAIL')).toBe(true);
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('colors a passing verdict green', () => {
    const report: Report = { ...sampleReport(), verdict: 'pass', checks: [] };

    const summary = renderTerminalSummary(report, { color: true });

    expect(summary.startsWith('\u001b[32m\u001b[1mseg-gate: PASS')).toBe(true);
  });

  it('aligns the per-class table', () => {
    const lines = classTableLines(renderTerminalSummary(sampleReport(), { color: false }));

    expect(lines).toHaveLength(22);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[0]).toBe('  Id  Class           IoU  Recall  Precision    Support');
    expect(lines[11]).toBe('  10  cow               —       —          —          0');
  });

  it('aligns the table with colored placeholders', () => {
    const lines = classTableLines(
      stripAnsi(renderTerminalSummary(sampleReport(), { color: true })),
    );

    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('wraps messages at the width', () => {
    const summary = renderTerminalSummary(sampleReport(), { color: false, width: 60 });
    const messageLines = summary.split('\n').filter((line) => line.startsWith('    '));

    expect(messageLines.length).toBeGreaterThan(4);
    for (const line of messageLines) {
      expect(line.length).toBeLessThanOrEqual(60);
    }
  });

  it('shows the timing line', () => {
    const summary = renderTerminalSummary(sampleReport(), { color: false });

    expect(summary).toContain('  1m 14s total, 1.2s per image, 0.83 images/s\n');
  });

  it('replaces control characters in report text', () => {
    const report = sampleReport();
    const hostile: Report = {
      ...report,
      classes: report.classes.map((entry) =>
        entry.id === 3 ? { ...entry, name: 'a|b<script>\u001b[2J' } : entry,
      ),
    };

    const summary = renderTerminalSummary(hostile, { color: false });

    expect(summary).toContain('a|b<script>?[2J');
    expect(summary).not.toContain('\u001b');
  });
});

describe('sanitizeTerminalText', () => {
  it.each([
    ['plain', 'plain'],
    ['bell\u0007', 'bell?'],
    ['csi\u009b', 'csi?'],
    ['two\n  lines', 'two lines'],
    ['tab\there', 'tab?here'],
  ])('sanitizes %j', (text, expected) => {
    expect(sanitizeTerminalText(text)).toBe(expected);
  });
});

describe('colorFromEnvironment', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    [true, { TERM: 'dumb' }, false],
  ])('isTTY %s with %j gives %s', (isTTY, env, expected) => {
    expect(colorFromEnvironment(isTTY, env)).toBe(expected);
  });
});
