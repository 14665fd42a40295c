import { describe, expect, it } from 'vitest';

import { relabelError } from '../../../src/config/relabel.js';
import { InputError, UsageError } from '../../../src/errors.js';

describe('relabelError', () => {
  it('replaces names with labels', () => {
    const error = relabelError(
      new UsageError(
        'Invalid value for ignoredShareFail: expected a share at or above ignoredShareWarn 0.6, ' +
          'received 0.5.',
      ),
      {
        ignoredShareFail: '--ignored-share-fail (default)',
        ignoredShareWarn: '--ignored-share-warn',
      },
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      'Invalid value for --ignored-share-fail (default): expected a share at or above ' +
        '--ignored-share-warn 0.6, received 0.5.',
    );
  });

  it('matches whole names only', () => {
    const error = relabelError(new UsageError('seed, seeds, seed-1, myseed and seed.'), {
      seed: '--bootstrap-seed',
    });
    expect((error as UsageError).message).toBe(
      '--bootstrap-seed, seeds, seed-1, myseed and --bootstrap-seed.',
    );
  });

  it('does not rewrite a replacement', () => {
    const error = relabelError(new UsageError('Invalid value for resamples and seed.'), {
      resamples: 'bootstrapResamples in /seed/c.yml',
      seed: '--bootstrap-seed',
    });
    expect((error as UsageError).message).toBe(
      'Invalid value for bootstrapResamples in /seed/c.yml and --bootstrap-seed.',
    );
  });

  it('replaces flags and phrases', () => {
    const flag = relabelError(new UsageError('Invalid value for --label-map: expected x.'), {
      '--label-map': 'labelMap in /c.yml',
    });
    expect((flag as UsageError).message).toBe('Invalid value for labelMap in /c.yml: expected x.');

    const phrase = relabelError(new UsageError('Unknown id in the check levels: "x".'), {
      'the check levels': '--checks',
    });
    expect((phrase as UsageError).message).toBe('Unknown id in --checks: "x".');
  });

  it('returns other errors unchanged', () => {
    const input = new InputError('seed file missing');
    expect(relabelError(input, { seed: '--bootstrap-seed' })).toBe(input);
    const plain = new Error('seed');
    expect(relabelError(plain, { seed: '--bootstrap-seed' })).toBe(plain);
    expect(relabelError('seed', { seed: '--bootstrap-seed' })).toBe('seed');
  });
});
