import { readFileSync } from 'node:fs';

import { Env } from './constants.js';

/** The workflow run facts that decide where the baseline comes from and whether it is saved. */
export interface RunContext {
  /** `GITHUB_EVENT_NAME`, for example `push`, `pull_request` or `merge_group`. */
  readonly eventName: string;
  /** `GITHUB_REF`, for example `refs/heads/main` or `refs/pull/7/merge`. */
  readonly ref: string;
  /** `GITHUB_SHA`: the commit the run evaluates. */
  readonly sha: string;
  /** `repository.default_branch` from the event payload, or null when the payload lacks it. */
  readonly defaultBranch: string | null;
  /** The base commit of a pull request or merge group, or null for other events. */
  readonly baseSha: string | null;
}

/** Events whose runs compare against the newest default-branch baseline. */
export const COMPARING_EVENTS: readonly string[] = [
  'pull_request',
  'pull_request_target',
  'merge_group',
];

/**
 * Reads the run context from the runner's environment and the event payload file
 * (`GITHUB_EVENT_PATH`). A missing or unreadable payload leaves the default branch and base commit
 * unknown, which turns baseline saving off rather than failing the step.
 */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const payload = readEventPayload(env[Env.eventPath]);
  const repository = field(payload, 'repository');
  const pullRequest = field(payload, 'pull_request');
  const mergeGroup = field(payload, 'merge_group');

  return {
    eventName: env[Env.eventName] ?? '',
    ref: env[Env.ref] ?? '',
    sha: env[Env.sha] ?? '',
    defaultBranch: text(field(repository, 'default_branch')),
    baseSha: text(field(field(pullRequest, 'base'), 'sha')) ?? text(field(mergeGroup, 'base_sha')),
  };
}

/** True for a push to the default branch: the only runs that save a baseline. */
export function isDefaultBranchPush(context: RunContext): boolean {
  return (
    context.eventName === 'push' &&
    context.defaultBranch !== null &&
    context.ref === `refs/heads/${context.defaultBranch}`
  );
}

function readEventPayload(path: string | undefined): unknown {
  if (path === undefined || path === '') {
    return null;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  return (value as Record<string, unknown>)[name];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
