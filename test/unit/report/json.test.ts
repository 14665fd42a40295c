import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../src/report/json.js';
import { sampleReport } from './sample-reports.js';

describe('formatJson', () => {
  it('parses back to the same value', () => {
    const report = sampleReport();

    expect(JSON.parse(formatJson(report))).toEqual(report);
  });

  it('keeps arrays of scalars on one line', () => {
    expect(formatJson({ row: [1, 2, 3], names: ['a', null, true] })).toBe(
      '{\n  "row": [1, 2, 3],\n  "names": ["a", null, true]\n}\n',
    );
  });

  it('puts nested arrays one per line', () => {
    expect(formatJson([[1, 2], [3], []])).toBe('[\n  [1, 2],\n  [3],\n  []\n]\n');
  });

  it('writes empty containers inline', () => {
    expect(formatJson({ a: [], b: {} })).toBe('{\n  "a": [],\n  "b": {}\n}\n');
  });

  it('matches JSON.stringify for scalars', () => {
    expect(formatJson('a"b\n')).toBe(`${JSON.stringify('a"b\n')}\n`);
    expect(formatJson(Number.NaN)).toBe('null\n');
  });

  it('drops undefined properties like JSON.stringify', () => {
    expect(formatJson({ a: 1, b: undefined })).toBe('{\n  "a": 1\n}\n');
  });

  it('writes one line per confusion matrix row', () => {
    const lines = formatJson(sampleReport()).split('\n');
    const start = lines.indexOf('  "confusionMatrix": [');

    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toMatch(/^ {4}\[8123456, \d+(, \d+){19}\],$/);
    expect(lines[start + 22]).toBe('  ],');
  });
});
