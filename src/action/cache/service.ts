import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { errorMessage } from '../../errors.js';
import { Env } from '../constants.js';
import type { ActionLog } from '../log.js';
import { parseWorkflowLine } from './workflow-commands.js';
import type { CacheWorkerCall, CacheWorkerRequest, CacheWorkerResult } from './worker-protocol.js';

/** A file set to restore or save: `paths` are relative to `root`, which is where they live. */
export interface CacheEntrySpec {
  readonly root: string;
  readonly paths: readonly string[];
}

export interface RestoreRequest extends CacheEntrySpec {
  readonly primaryKey: string;
  /** Prefixes tried in order when the primary key has no entry; the newest match wins. */
  readonly restoreKeys: readonly string[];
}

export interface SaveRequest extends CacheEntrySpec {
  readonly key: string;
}

/** The result of one cache call. Only `restored` and `saved` mean the call did its work. */
export type CacheOutcome =
  | { readonly kind: 'restored'; readonly key: string }
  | { readonly kind: 'miss' }
  | { readonly kind: 'saved'; readonly key: string }
  | { readonly kind: 'not-saved'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'timed-out'; readonly seconds: number }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The GitHub Actions cache, as the action uses it. */
export interface CacheService {
  restore(request: RestoreRequest): Promise<CacheOutcome>;
  save(request: SaveRequest): Promise<CacheOutcome>;
}

export interface WorkerCacheOptions {
  /** Command that starts the cache worker: the Node binary and the action's entry file. */
  readonly workerCommand: readonly [string, ...string[]];
  /** Deadline of each call, in milliseconds. */
  readonly timeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
  readonly log: ActionLog;
}

/** Error codes of a cache service that cannot be reached at all. */
const UNREACHABLE_PATTERN = /ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN/;

/**
 * Creates a cache service that runs each `@actions/cache` call in a worker process under a
 * deadline. The library retries with back-off and keeps sockets open after a failure, so a call
 * cannot be cancelled in-process. Killing the worker's process group (the worker and its `tar`)
 * ends the call for good, and no late extraction can write files afterwards.
 *
 * The library reports trouble only as `::warning::` and `::error::` lines and then returns as if
 * the entry were missing. The worker's output is therefore read line by line: those lines become
 * `cache:` info lines (the caller decides on the one warning to show), and their text becomes the
 * reason of a `failed` outcome. After a timeout or an unreachable service, later calls return
 * `unavailable` at once instead of waiting for the deadline again.
 */
export function createWorkerCacheService(options: WorkerCacheOptions): CacheService {
  let brokenReason: string | null = null;

  async function call(request: CacheWorkerCall, root: string): Promise<CacheOutcome> {
    const serviceProblem = describeMissingService(options.env);
    if (serviceProblem !== null) {
      return { kind: 'unavailable', reason: serviceProblem };
    }
    if (brokenReason !== null) {
      return { kind: 'unavailable', reason: `skipped after an earlier call: ${brokenReason}` };
    }

    const outcome = await runWorker(options, request, root);
    if (outcome.kind === 'timed-out') {
      brokenReason = `the cache service did not answer within ${outcome.seconds} s`;
    } else if (
      (outcome.kind === 'failed' || outcome.kind === 'not-saved') &&
      UNREACHABLE_PATTERN.test(outcome.reason)
    ) {
      brokenReason = outcome.reason;
    }
    return outcome;
  }

  return {
    restore: (request) =>
      call(
        {
          op: 'restore',
          paths: [...request.paths],
          primaryKey: request.primaryKey,
          restoreKeys: [...request.restoreKeys],
        },
        request.root,
      ),
    save: (request) =>
      call({ op: 'save', paths: [...request.paths], key: request.key }, request.root),
  };
}

/**
 * Returns why no cache service can be used, or null when one is configured. Mirrors
 * `@actions/cache`: version 2 of the service (`ACTIONS_CACHE_SERVICE_V2`) needs
 * `ACTIONS_RESULTS_URL`, version 1 needs `ACTIONS_CACHE_URL` (or falls back to the results URL).
 */
export function describeMissingService(env: NodeJS.ProcessEnv): string | null {
  const v2 = Boolean(env['ACTIONS_CACHE_SERVICE_V2']);
  const url = v2
    ? env['ACTIONS_RESULTS_URL']
    : env['ACTIONS_CACHE_URL'] || env['ACTIONS_RESULTS_URL'];
  if (url) {
    return null;
  }
  return v2
    ? 'no cache service: ACTIONS_RESULTS_URL is not set'
    : 'no cache service: neither ACTIONS_RESULTS_URL (the current service, set by runners on github.com) nor ACTIONS_CACHE_URL (GitHub Enterprise Server, and act unless --no-cache-server) is set';
}

async function runWorker(
  options: WorkerCacheOptions,
  body: CacheWorkerCall,
  root: string,
): Promise<CacheOutcome> {
  const folder = await mkdtemp(join(tmpdir(), 'seg-gate-cache-'));
  const resultPath = join(folder, 'result.json');
  const requestPath = join(folder, 'request.json');
  const request: CacheWorkerRequest = { ...body, resultPath };
  await writeFile(requestPath, JSON.stringify(request));

  try {
    const problems: string[] = [];
    const exit = await spawnWorker(options, root, requestPath, problems);
    if (exit === 'timed-out') {
      return { kind: 'timed-out', seconds: options.timeoutMs / 1000 };
    }

    const result = await readResult(resultPath);
    if (result === null) {
      return { kind: 'failed', reason: problems.join(' ') || `the cache worker ${exit}` };
    }
    return toOutcome(body, result, problems);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function toOutcome(
  body: CacheWorkerCall,
  result: CacheWorkerResult,
  problems: readonly string[],
): CacheOutcome {
  if ('error' in result) {
    return { kind: 'failed', reason: result.error };
  }
  if (body.op === 'restore') {
    if ('matchedKey' in result && result.matchedKey !== null) {
      return { kind: 'restored', key: result.matchedKey };
    }
    return problems.length > 0 ? { kind: 'failed', reason: problems.join(' ') } : { kind: 'miss' };
  }
  if ('cacheId' in result && result.cacheId !== -1) {
    return { kind: 'saved', key: body.key };
  }
  return {
    kind: 'not-saved',
    reason: problems.join(' ') || 'the cache service did not accept the entry',
  };
}

/**
 * Runs the worker and forwards its output. Resolves with a description of how it exited, or
 * `timed-out` after killing its process group at the deadline.
 */
function spawnWorker(
  options: WorkerCacheOptions,
  root: string,
  requestPath: string,
  problems: string[],
): Promise<string> {
  const [command, ...args] = options.workerCommand;
  const child = spawn(command, args, {
    cwd: root,
    // The library writes archive paths relative to GITHUB_WORKSPACE and extracts there.
    env: { ...options.env, [Env.workspace]: root, [Env.cacheWorkerRequest]: requestPath },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });

  const forward = (line: string): void => forwardWorkerLine(options.log, line, problems);
  createInterface({ input: child.stdout }).on('line', forward);
  createInterface({ input: child.stderr }).on('line', forward);

  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      killGroup(child.pid);
      // Where process groups cannot be signalled (Windows), end the worker itself and let go of
      // its pipes, so a worker that lingers cannot hold the action open.
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      resolve('timed-out');
    }, options.timeoutMs);

    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`could not start: ${errorMessage(error)}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === null ? `exited with code ${code}` : `was killed by ${signal}`);
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) {
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** Library messages that mean a call did not do its work, logged at info level by the library. */
const FAILURE_INFO_PATTERN = /^Failed to (save|restore):/;

function forwardWorkerLine(log: ActionLog, line: string, problems: string[]): void {
  const parsed = parseWorkflowLine(line);
  if (parsed.kind === 'text') {
    if (FAILURE_INFO_PATTERN.test(parsed.text)) {
      problems.push(parsed.text);
    }
    log.info(`cache: ${parsed.text}`);
    return;
  }

  switch (parsed.command) {
    case 'warning':
    case 'error':
    case 'notice':
      problems.push(parsed.message);
      log.info(`cache: ${parsed.message}`);
      return;
    case 'debug':
      log.debug(`cache: ${parsed.message}`);
      return;
    default:
      // `::add-mask::` and other commands must reach the runner unchanged.
      log.raw(line);
  }
}

async function readResult(path: string): Promise<CacheWorkerResult | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CacheWorkerResult;
  } catch {
    return null;
  }
}
