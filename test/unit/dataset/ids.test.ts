import { describe, expect, it } from 'vitest';

import { parseIdList } from '../../../src/dataset/ids.js';
import { InputError } from '../../../src/errors.js';

describe('parseIdList', () => {
  it('trims lines and skips blanks and comments', () => {
    const text = '# VOC sample\n\n  2007_000033  \n2007_000042\n   \n# end\n';

    expect(parseIdList(text, 'ids file x.txt')).toEqual(['2007_000033', '2007_000042']);
  });

  it('takes the first token of each line', () => {
    const text = '2007_000032  1\n2007_000039\t-1\n2007_000063 0 extra\n';

    expect(parseIdList(text, 'split file aeroplane_val.txt')).toEqual([
      '2007_000032',
      '2007_000039',
      '2007_000063',
    ]);
  });

  it('accepts CRLF line endings', () => {
    expect(parseIdList('a\r\nb\r\n', 'ids file x.txt')).toEqual(['a', 'b']);
  });

  it('rejects duplicate ids with their lines', () => {
    const text = 'a\nb\na\nc\nb 1\na\n';

    expect(() => parseIdList(text, 'ids file x.txt')).toThrow(InputError);
    expect(() => parseIdList(text, 'ids file x.txt')).toThrow(
      'The ids file x.txt lists 2 id(s) more than once: a (lines 1, 3, 6), b (lines 2, 5). ' +
        'Each id must appear once; remove the repeated lines.',
    );
  });

  it('rejects a list without ids', () => {
    expect(() => parseIdList('# only a comment\n\n', 'split file val.txt')).toThrow(
      'The split file val.txt lists no ids (only blank lines or # comments); expected one ' +
        'image id per line, for example 2007_000033.',
    );
  });

  it('rejects ids with path separators', () => {
    expect(() => parseIdList('a\n../etc/passwd\n', 'ids file x.txt')).toThrow(
      'The ids file x.txt lists "../etc/passwd" on line 2, which contains a path separator',
    );
  });
});
