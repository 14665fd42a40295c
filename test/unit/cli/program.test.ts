import { describe, expect, it } from 'vitest';

import packageJson from '../../../package.json' with { type: 'json' };
import { runCli, type CliContext } from '../../../src/cli/program.js';
import type { EvaluateSettings } from '../../../src/config/settings.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { rejectionOf } from '../config/helpers.js';

interface Captured {
  readonly context: CliContext;
  readonly out: string[];
  readonly err: string[];
  readonly settings: EvaluateSettings[];
}

function capture(exitCode = 0): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const settings: EvaluateSettings[] = [];
  const context: CliContext = {
    cwd: '/work/project',
    output: {
      writeOut: (text) => out.push(text),
      writeErr: (text) => err.push(text),
      helpWidth: 100,
    },
    handlers: {
      evaluate: (parsed) => {
        settings.push(parsed);
        return Promise.resolve(exitCode);
      },
    },
  };
  return { context, out, err, settings };
}

describe('runCli', () => {
  it('passes evaluate settings to the handler and returns its exit code', async () => {
    const run = capture(1);
    const code = await runCli(
      ['evaluate', '--data', 'VOC2012', '--predictions', 'masks', '--limit', '5'],
      run.context,
    );

    expect(code).toBe(1);
    expect(run.settings).toHaveLength(1);
    expect(run.settings[0]?.limit).toBe(5);
    expect(run.settings[0]?.predictions).toBe('/work/project/masks');
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([]);
  });

  it('prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const run = capture();
      expect(await runCli([flag], run.context)).toBe(0);
      expect(run.out.join('')).toBe(`${packageJson.version}\n`);
    }
  });

  it('prints the program help', async () => {
    const run = capture();
    expect(await runCli(['--help'], run.context)).toBe(0);
    expect(run.out.join('')).toMatchInlineSnapshot();
  });

  it('prints the evaluate help', async () => {
    const run = capture();
    expect(await runCli(['evaluate', '--help'], run.context)).toBe(0);
    expect(run.settings).toEqual([]);
    expect(run.out.join('')).toMatchInlineSnapshot();
  });

  it('prints the same help for help evaluate', async () => {
    const viaFlag = capture();
    await runCli(['evaluate', '--help'], viaFlag.context);
    const viaCommand = capture();
    expect(await runCli(['help', 'evaluate'], viaCommand.context)).toBe(0);
    expect(viaCommand.out.join('')).toBe(viaFlag.out.join(''));
  });

  it('mentions every option and its default in the evaluate help', async () => {
    const run = capture();
    await runCli(['evaluate', '--help'], run.context);
    const help = run.out.join('');
    for (const flag of ['--data', '--num-classes', '--ignore-index', '--max-pixels', '--progress']) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('Default: 21 (PASCAL VOC)');
    expect(help).toContain('Default: 255');
    expect(help).toContain('Default: 50000000');
  });

  it('rejects a missing command', async () => {
    const error = await rejectionOf(runCli([], capture().context));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot();
  });

  it('rejects an unknown command with a suggestion', async () => {
    const error = await rejectionOf(runCli(['evalute'], capture().context));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot();
  });

  it('rejects help for an unknown command', async () => {
    const run = capture();
    const error = await rejectionOf(runCli(['help', 'train'], run.context));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatchInlineSnapshot();
  });

  it('rejects an unknown program option', async () => {
    const error = await rejectionOf(runCli(['--verbose'], capture().context));
    expect(error.message).toMatchInlineSnapshot();
  });

  it('rethrows what the handler throws', async () => {
    const run = capture();
    const failing: CliContext = {
      ...run.context,
      handlers: { evaluate: () => Promise.reject(new InputError('label missing')) },
    };
    const error = await rejectionOf(
      runCli(['evaluate', '--data', 'voc', '--model', 'm.onnx'], failing),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('label missing');
  });
});
