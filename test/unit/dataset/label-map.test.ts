import { describe, expect, it } from 'vitest';

import { applyLabelMap, parseLabelMap } from '../../../src/dataset/label-map.js';
import { UsageError } from '../../../src/errors.js';

describe('parseLabelMap', () => {
  it('maps VOC person to 1 and the rest to 0', () => {
    const map = parseLabelMap('15:1,*:0', 255);

    expect(map.lookup[15]).toBe(1);
    expect(map.lookup[0]).toBe(0);
    expect(map.lookup[1]).toBe(0);
    expect(map.lookup[20]).toBe(0);
    expect(map.lookup[254]).toBe(0);
    expect(map.lookup[255]).toBe(255);
    expect(map.pairs).toEqual([[15, 1]]);
    expect(map.fallback).toBe(0);
    expect(map.text).toBe('15:1,*:0');
  });

  it('keeps unlisted ids without a star', () => {
    const map = parseLabelMap('3:4, 4:3', 255);

    expect(map.lookup[3]).toBe(4);
    expect(map.lookup[4]).toBe(3);
    expect(map.lookup[5]).toBe(5);
    expect(map.lookup[255]).toBe(255);
    expect(map.text).toBe('3:4,4:3');
  });

  it('maps the ignore index when listed', () => {
    const map = parseLabelMap('255:0,*:1', 255);

    expect(map.lookup[255]).toBe(0);
    expect(map.lookup[7]).toBe(1);
  });

  it('protects a custom ignore index from the star', () => {
    const map = parseLabelMap('*:0', 100);

    expect(map.lookup[100]).toBe(100);
    expect(map.lookup[255]).toBe(0);
  });

  it('accepts a class mapped to the ignore index', () => {
    const map = parseLabelMap('5:255', 255);

    expect(map.lookup[5]).toBe(255);
  });

  it.each([
    ['', '""'],
    ['15-1', '"15-1"'],
    ['15:1,', '""'],
    ['15:1,*:0,a:2', '"a:2"'],
    ['15:', '"15:"'],
    ['-1:0', '"-1:0"'],
    ['1.5:0', '"1.5:0"'],
    ['*:*', '"*:*"'],
  ])('rejects %j naming the bad token', (text, token) => {
    expect(() => parseLabelMap(text, 255)).toThrow(UsageError);
    expect(() => parseLabelMap(text, 255)).toThrow(`received ${token}`);
    expect(() => parseLabelMap(text, 255)).toThrow('Invalid value for --label-map');
  });

  it('rejects ids above 255', () => {
    expect(() => parseLabelMap('256:1', 255)).toThrow(
      'Invalid value for --label-map: expected comma-separated SRC:DST pairs of class ids 0..255, ' +
        'with * as SRC for every id not listed (for example 15:1,*:0); 256 is above 255, ' +
        'received "256:1".',
    );
    expect(() => parseLabelMap('1:300', 255)).toThrow('300 is above 255');
  });

  it('rejects a source listed twice', () => {
    expect(() => parseLabelMap('1:2,1:3', 255)).toThrow('id 1 is listed twice, received "1:3"');
    expect(() => parseLabelMap('*:0,*:1', 255)).toThrow('* is listed twice, received "*:1"');
  });
});

describe('applyLabelMap', () => {
  it('remaps every pixel through the table', () => {
    const map = parseLabelMap('15:1,*:0', 255);
    const mask = { width: 3, height: 2, data: Uint8Array.from([0, 15, 255, 7, 15, 20]) };

    const mapped = applyLabelMap(map, mask);

    expect(mapped.width).toBe(3);
    expect(mapped.height).toBe(2);
    expect([...mapped.data]).toEqual([0, 1, 255, 0, 1, 0]);
    expect([...mask.data]).toEqual([0, 15, 255, 7, 15, 20]);
  });
});
