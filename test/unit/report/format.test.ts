import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  formatRatio,
  formatWholeSeconds,
} from '../../../src/report/format.js';

describe('formatRatio', () => {
  it.each([
    [0, '0.0000'],
    [1, '1.0000'],
    [0.73124, '0.7312'],
    [0.73125001, '0.7313'],
    [null, '—'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatRatio(value)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1_234_567, '1,234,567'],
    [12_345_678_901, '12,345,678,901'],
    [-4321, '-4,321'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0.0%'],
    [120 / 1449, '8.3%'],
    [1, '100.0%'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });
});

describe('formatRate', () => {
  it.each([
    [4.12, '4.1'],
    [1, '1.0'],
    [0.834, '0.83'],
    [null, '—'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatRate(value)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [849.6, '850ms'],
    [999.6, '1.0s'],
    [12_345, '12.3s'],
    [59_949, '59.9s'],
    [59_960, '1m 00s'],
    [324_000, '5m 24s'],
    [3_599_400, '59m 59s'],
    [3_725_000, '1h 02m'],
  ])('formats %s ms as %s', (value, expected) => {
    expect(formatDuration(value)).toBe(expected);
  });
});

describe('formatWholeSeconds', () => {
  it.each([
    [0, '0s'],
    [-20, '0s'],
    [42_400, '42s'],
    [59_600, '1m 00s'],
    [324_000, '5m 24s'],
    [3_600_000, '1h 00m'],
    [3_725_000, '1h 02m'],
  ])('formats %s ms as %s', (value, expected) => {
    expect(formatWholeSeconds(value)).toBe(expected);
  });
});
