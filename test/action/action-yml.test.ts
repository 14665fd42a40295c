import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import {
  ALL_INPUTS,
  ALL_OUTPUTS,
  DEFAULT_CACHE_TIMEOUT_SECONDS,
  DEFAULT_OVERLAYS,
} from '../../src/action/constants.js';
import { REPO_DIR } from './helpers/checkout.js';

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const action = parse(readFileSync(join(REPO_DIR, 'action.yml'), 'utf8')) as ActionYaml;

describe('action.yml', () => {
  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares the inputs the action reads', () => {
    expect(Object.keys(action.inputs)).toEqual(ALL_INPUTS);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(10);
    }
  });

  it('declares the outputs the action sets', () => {
    expect(Object.keys(action.outputs)).toEqual(ALL_OUTPUTS);
  });

  it('states the defaults the action applies', () => {
    expect(action.inputs['cache-timeout']?.default).toBe(String(DEFAULT_CACHE_TIMEOUT_SECONDS));
    expect(action.inputs['overlays']?.default).toBe(String(DEFAULT_OVERLAYS));
    expect(action.inputs['skip-missing']?.default).toBe('false');
  });
});

describe('docs/action.md', () => {
  const docs = readFileSync(join(REPO_DIR, 'docs', 'action.md'), 'utf8');

  it('documents every input and output', () => {
    for (const name of [...ALL_INPUTS, ...ALL_OUTPUTS]) {
      expect(docs, name).toContain(`\`${name}\``);
    }
  });
});
