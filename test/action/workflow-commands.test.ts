import { describe, expect, it } from 'vitest';

import { parseWorkflowLine } from '../../src/action/cache/workflow-commands.js';

describe('parseWorkflowLine', () => {
  it('unescapes command messages', () => {
    expect(parseWorkflowLine('::warning::Failed to restore: 50%25 done%0Anext')).toEqual({
      kind: 'command',
      command: 'warning',
      message: 'Failed to restore: 50% done\nnext',
    });
  });

  it('skips command properties', () => {
    expect(parseWorkflowLine('::error title=a%3Ab,file=x.ts::boom')).toEqual({
      kind: 'command',
      command: 'error',
      message: 'boom',
    });
  });

  it('keeps other lines as text', () => {
    expect(parseWorkflowLine('Cache Size: ~0 MB (193 B)')).toEqual({
      kind: 'text',
      text: 'Cache Size: ~0 MB (193 B)',
    });
    expect(parseWorkflowLine(':: not a command')).toEqual({
      kind: 'text',
      text: ':: not a command',
    });
  });
});
