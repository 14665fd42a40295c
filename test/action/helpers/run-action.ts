import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A finished action run. */
export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** The step summary file as the runner would read it. */
  readonly summary: string;
  readonly runnerTemp: string;
  readonly workspace: string;
}

export interface ActionRunOptions {
  /** Node binary; the runner uses Node 24 for `runs.using: node24`. */
  readonly node: string;
  /** The action's `dist/index.js`. */
  readonly entry: string;
  /** Inputs by name as in action.yml; the runner passes them as `INPUT_<NAME>` variables. */
  readonly inputs?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly eventName?: string;
  readonly ref?: string;
  readonly sha?: string;
  /** The event payload written to GITHUB_EVENT_PATH. */
  readonly event?: unknown;
  readonly workspace?: string;
}

/**
 * Runs the action the way the runner does: `node dist/index.js` in the workspace, with inputs in
 * `INPUT_*` variables, and `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY` and `RUNNER_TEMP` pointing at
 * fresh files. The process environment is not inherited apart from PATH and HOME, so no
 * variable of the machine changes the run.
 */
export async function runActionProcess(options: ActionRunOptions): Promise<ActionRun> {
  const root = mkdtempSync(join(tmpdir(), 'seg-gate-run-'));
  const runnerTemp = join(root, 'temp');
  const workspace = options.workspace ?? join(root, 'workspace');
  mkdirSync(runnerTemp, { recursive: true });
  mkdirSync(workspace, { recursive: true });

  const outputFile = join(root, 'output.txt');
  const summaryFile = join(root, 'summary.md');
  const eventFile = join(root, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}));

  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? root,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_REF: options.ref ?? 'refs/pull/1/merge',
    GITHUB_SHA: options.sha ?? '1111111111111111111111111111111111111111',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.toUpperCase()}`] = value;
  }

  const child = spawn(options.node, [options.entry], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    runnerTemp,
    workspace,
  };
}

/** Parses `GITHUB_OUTPUT` as `@actions/core` writes it: `name<<DELIMITER`, value lines, `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '');
    if (header === null) {
      continue;
    }
    const value: string[] = [];
    index += 1;
    while (index < lines.length && lines[index] !== header[2]) {
      value.push(lines[index] ?? '');
      index += 1;
    }
    outputs[header[1] ?? ''] = value.join('\n');
  }
  return outputs;
}
