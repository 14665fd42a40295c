import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { baselineNamespace } from '../../src/action/baseline/namespace.js';
import {
  baselineSaveKey,
  commitOfKey,
  planBaselineRestore,
} from '../../src/action/baseline/plan.js';
import { isDefaultBranchPush, readRunContext } from '../../src/action/context.js';
import type { RunContext } from '../../src/action/context.js';
import { readActionInputs } from '../../src/action/inputs.js';

function eventFile(payload: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'seg-gate-event-')), 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

function context(overrides: Partial<RunContext>): RunContext {
  return {
    eventName: 'push',
    ref: 'refs/heads/main',
    sha: 'c0ffee',
    defaultBranch: 'main',
    baseSha: null,
    ...overrides,
  };
}

describe('readRunContext', () => {
  it('reads a pull request payload', () => {
    const path = eventFile({
      repository: { default_branch: 'trunk' },
      pull_request: { base: { sha: 'base1' } },
    });
    const read = readRunContext({
      GITHUB_EVENT_PATH: path,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/3/merge',
      GITHUB_SHA: 'head1',
    });

    expect(read).toEqual({
      eventName: 'pull_request',
      ref: 'refs/pull/3/merge',
      sha: 'head1',
      defaultBranch: 'trunk',
      baseSha: 'base1',
    });
  });

  it('reads the base of a merge group', () => {
    const path = eventFile({
      repository: { default_branch: 'main' },
      merge_group: { base_sha: 'base2' },
    });

    expect(
      readRunContext({ GITHUB_EVENT_PATH: path, GITHUB_EVENT_NAME: 'merge_group' }).baseSha,
    ).toBe('base2');
  });

  it('leaves the default branch unknown without a payload', () => {
    const read = readRunContext({
      GITHUB_EVENT_PATH: '/nonexistent/event.json',
      GITHUB_EVENT_NAME: 'push',
    });

    expect(read.defaultBranch).toBeNull();
    expect(isDefaultBranchPush(read)).toBe(false);
  });
});

describe('isDefaultBranchPush', () => {
  it('accepts only a push to the default branch', () => {
    expect(isDefaultBranchPush(context({}))).toBe(true);
    expect(isDefaultBranchPush(context({ ref: 'refs/heads/feature' }))).toBe(false);
    expect(isDefaultBranchPush(context({ ref: 'refs/tags/main' }))).toBe(false);
    expect(isDefaultBranchPush(context({ eventName: 'workflow_dispatch' }))).toBe(false);
  });
});

describe('planBaselineRestore', () => {
  it('tries the base commit, then the newest entry', () => {
    expect(
      planBaselineRestore(context({ eventName: 'pull_request', baseSha: 'b1' }), 'ns'),
    ).toEqual({
      primaryKey: 'ns-b1',
      restoreKeys: ['ns-'],
    });
  });

  it('uses the namespace prefix without a base commit', () => {
    expect(planBaselineRestore(context({ eventName: 'merge_group' }), 'ns')).toEqual({
      primaryKey: 'ns-',
      restoreKeys: [],
    });
  });

  it('skips events that do not compare', () => {
    const plan = planBaselineRestore(context({ eventName: 'push' }), 'ns');

    expect(plan).toEqual({
      skipReason: expect.stringContaining('runs on push compare against a baseline only when'),
    });
  });
});

describe('baseline keys', () => {
  it('round-trips the commit of a key', () => {
    const key = baselineSaveKey('ns', 'abc123');

    expect(key).toBe('ns-abc123');
    expect(commitOfKey('ns', key)).toBe('abc123');
    expect(commitOfKey('other', key)).toBeNull();
    expect(commitOfKey('ns', 'ns-')).toBeNull();
  });
});

describe('baselineNamespace', () => {
  const read = (values: Record<string, string>) => readActionInputs((name) => values[name] ?? '');

  it('derives a fixed-length name from the model and dataset inputs', () => {
    const a = baselineNamespace(read({ model: 'm.onnx', data: 'voc', normalize: 'tf' }));

    expect(a.namespace).toMatch(/^seg-gate-baseline-v1-[0-9a-f]{16}$/);
    expect(a.source).toBe('model=m.onnx data=voc');
  });

  it('ignores settings that do not change the gate identity', () => {
    const a = baselineNamespace(read({ model: 'm.onnx', data: 'voc', normalize: 'tf' }));
    const b = baselineNamespace(
      read({ model: 'm.onnx', data: 'voc', normalize: 'torch', threads: '2' }),
    );

    expect(b.namespace).toBe(a.namespace);
  });

  it('separates gates on different models, data or keys', () => {
    const base = baselineNamespace(read({ model: 'm.onnx', data: 'voc' })).namespace;

    expect(baselineNamespace(read({ model: 'n.onnx', data: 'voc' })).namespace).not.toBe(base);
    expect(
      baselineNamespace(read({ model: 'm.onnx', data: 'voc', limit: '10' })).namespace,
    ).not.toBe(base);
    expect(
      baselineNamespace(read({ model: 'm.onnx', data: 'voc', 'baseline-key': 'gate-a' })).source,
    ).toBe('gate-a');
  });
});
