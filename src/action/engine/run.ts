import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import type { ActionLog } from '../log.js';

/** The end state of the engine process. */
export interface EngineExit {
  /** Exit code, or null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines the engine wrote to stderr (at most 2 KiB), for messages without a report. */
  readonly stderrTail: string;
}

/** Bytes of the engine's stderr kept for error messages. */
const STDERR_TAIL_BYTES = 2048;

/** Runs `seg-gate evaluate` with the given arguments in a working folder. */
export interface EngineRunner {
  run(args: readonly string[], cwd: string): Promise<EngineExit>;
}

/**
 * Creates the runner that starts the engine as a child process: `node <script> <args>`. Its
 * stdout and stderr are passed to the step's as each chunk arrives, so progress lines appear as
 * they are printed, and the end of stderr is kept for the error message. Workflow commands are
 * switched off meanwhile (`::stop-commands::`), because the engine prints file and class names
 * that come from the dataset, and a line starting with `::` would otherwise be read as a command.
 */
export function createProcessEngineRunner(
  nodePath: string,
  scriptPath: string,
  env: NodeJS.ProcessEnv,
  log: ActionLog,
): EngineRunner {
  return {
    run(args, cwd) {
      const token = randomUUID();
      log.raw(`::stop-commands::${token}`);

      const child = spawn(nodePath, [scriptPath, ...args], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });

      let stderrTail = Buffer.alloc(0);
      child.stdout.on('data', (chunk: Buffer) => process.stdout.write(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        stderrTail = Buffer.concat([stderrTail, chunk]).subarray(-STDERR_TAIL_BYTES);
      });

      return new Promise((resolve, reject) => {
        child.on('error', (error) => {
          log.raw(`::${token}::`);
          reject(new Error(`Failed to start the engine ${scriptPath}: ${error.message}`));
        });
        child.on('close', (code, signal) => {
          log.raw(`::${token}::`);
          resolve({ code, signal, stderrTail: stderrTail.toString('utf8') });
        });
      });
    },
  };
}
