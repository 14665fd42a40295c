/**
 * The `seg-gate` command tree on commander: `seg-gate evaluate [options]`, `seg-gate --version`,
 * `seg-gate --help` and `seg-gate help <command>`. Commander never exits the process here: its
 * errors become UsageErrors, and help and version text go to the given output.
 */
import { Command, CommanderError } from 'commander';

import type { EvaluateSettings } from '../config/settings.js';
import { ExitCode, UsageError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import type { TrainSettings } from '../train/settings.js';
import { createEvaluateCommand } from './evaluate-command.js';
import { createTrainCommand } from './train-command.js';

/** Sinks for help and version text. */
export interface CliOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Column count that help text wraps at. By default commander uses the terminal width or 80. */
  readonly helpWidth?: number;
}

/** Handlers that run each command with its parsed settings and return the process exit code. */
export interface CommandHandlers {
  evaluate(settings: EvaluateSettings): Promise<number>;
  /** Runs `seg-gate train`; a context without it rejects the command. */
  train?(settings: TrainSettings): Promise<number>;
}

export interface CliContext {
  /** Folder that relative command-line paths resolve against. */
  readonly cwd: string;
  readonly output: CliOutput;
  readonly handlers: CommandHandlers;
}

const PROGRAM_DESCRIPTION =
  'CI regression gate for semantic segmentation models: mIoU, per-class IoU and recall, ' +
  'collapse and contract checks, baseline comparison.';

const PROGRAM_FOOTER = `
Exit codes:
  0  the model passed every check
  1  the model failed the gate
  2  invalid options, or an input file that is missing, unreadable or malformed
  3  internal error`;

/**
 * Runs `seg-gate <command> [options]`. `argv` contains the arguments after the program name
 * (`process.argv.slice(2)`). Returns the exit code of the command's handler, or 0 after printing
 * help or the version. Throws UsageError for unknown commands and options or invalid values, and
 * rethrows whatever a handler throws.
 *
 * @example
 *   const code = await runCli(process.argv.slice(2), { cwd: process.cwd(), output, handlers });
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  if (argv.length === 0) {
    throw new UsageError('Missing command: run seg-gate evaluate [options], or seg-gate --help.');
  }

  const result = { exitCode: ExitCode.pass as number };
  const program = createProgram(context, (code) => {
    result.exitCode = code;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // Help and version output end with a CommanderError whose exit code is 0.
    if (error instanceof CommanderError && error.exitCode === 0) {
      return ExitCode.pass;
    }
    throw error;
  }
  return result.exitCode;
}

/**
 * Parses `seg-gate evaluate` arguments into settings without running anything. `argv` contains
 * the arguments after `evaluate`, and relative paths resolve against `cwd`. Reads the config file
 * and an `@FILE` class names file. Throws UsageError or InputError.
 *
 * @example
 *   await parseEvaluateCommand(['--data', 'VOC2012', '--model', 'm.onnx'], '/work');
 */
export async function parseEvaluateCommand(
  argv: readonly string[],
  cwd: string,
): Promise<EvaluateSettings> {
  let parsed: EvaluateSettings | null = null;
  const output: CliOutput = { writeOut: () => {}, writeErr: () => {} };
  const handlers: CommandHandlers = {
    evaluate: (settings) => {
      parsed = settings;
      return Promise.resolve(ExitCode.pass);
    },
  };

  await runCli(['evaluate', ...argv], { cwd, output, handlers });
  if (parsed === null) {
    throw new UsageError('--help and --version print text instead of settings: leave them out.');
  }
  return parsed;
}

/**
 * Builds the command tree. `setExitCode` receives the exit code returned by the handler of the
 * command that ran. To add a command, create it in its own module and add it here.
 */
export function createProgram(context: CliContext, setExitCode: (code: number) => void): Command {
  const program = new Command('seg-gate')
    .description(PROGRAM_DESCRIPTION)
    .version(TOOL_VERSION, '-V, --version', 'Print the seg-gate version and exit.')
    .helpCommand('help [command]', 'Print the help of a command.')
    .addHelpText('after', PROGRAM_FOOTER);
  configureCommand(program, context.output, 'Run seg-gate --help to see the commands.');

  const evaluate = createEvaluateCommand(context.cwd, async (settings) => {
    setExitCode(await context.handlers.evaluate(settings));
  });
  configureCommand(evaluate, context.output, 'Run seg-gate evaluate --help to see the options.');
  program.addCommand(evaluate);

  const train = createTrainCommand(context.cwd, async (settings) => {
    if (context.handlers.train === undefined) {
      throw new UsageError('seg-gate train is not available in this context.');
    }
    setExitCode(await context.handlers.train(settings));
  });
  configureCommand(train, context.output, 'Run seg-gate train --help to see the options.');
  program.addCommand(train);

  return program;
}

/**
 * Routes a command's output to `output` and turns commander's exits into exceptions: a
 * CommanderError with exit code 0 after help or version, otherwise a UsageError.
 */
function configureCommand(command: Command, output: CliOutput, helpHint: string): void {
  const helpWidth = output.helpWidth;
  command
    .helpOption('-h, --help', 'Print this help and exit.')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => output.writeOut(text),
      writeErr: (text) => output.writeErr(text),
      // The UsageError thrown below carries the message, so commander prints nothing itself.
      outputError: () => {},
      ...(helpWidth === undefined
        ? {}
        : { getOutHelpWidth: () => helpWidth, getErrHelpWidth: () => helpWidth }),
    })
    .exitOverride((error) => {
      if (error.exitCode === 0) {
        throw error;
      }
      // Commander prints the help to stderr when the command is missing or unknown to `help`.
      if (error.code === 'commander.help') {
        throw new UsageError(`Missing or unknown command. ${helpHint}`);
      }
      throw usageErrorFrom(error, helpHint);
    });
}

/**
 * Rewrites a commander message such as `error: unknown option '--x'\n(Did you mean --y?)` into
 * sentences on one line that end with `helpHint`.
 */
function usageErrorFrom(error: CommanderError, helpHint: string): UsageError {
  const sentences = error.message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim().replace(/^\((.*)\)$/, '$1'))
    .filter((line) => line !== '')
    .map((line) => {
      const capitalized = line.charAt(0).toUpperCase() + line.slice(1);
      return /[.?!]$/.test(capitalized) ? capitalized : `${capitalized}.`;
    });
  return new UsageError([...sentences, helpHint].join(' '));
}
