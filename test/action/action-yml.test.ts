import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import {
  ACTION_SET_OPTIONS,
  ALL_INPUTS,
  ALL_OUTPUTS,
  CONFIG_ONLY_OPTIONS,
  DEFAULT_CACHE_TIMEOUT_SECONDS,
  DEFAULT_OVERLAYS,
  ENGINE_VALUE_INPUTS,
  Input,
  TRAINING_ACTION_SET_OPTIONS,
  TRAINING_CONFIG_ONLY_OPTIONS,
  TRAINING_VALUE_INPUTS,
} from '../../src/action/constants.js';
import { EVALUATE_OPTIONS } from '../../src/config/evaluate-options.js';
import { TRAIN_OPTIONS } from '../../src/config/train-options.js';
import { REPO_DIR } from './helpers/checkout.js';

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const action = parse(readFileSync(join(REPO_DIR, 'action.yml'), 'utf8')) as ActionYaml;
const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');
/** The README's GitHub Action section, which documents every input and output. */
const docs = readme.slice(readme.indexOf('## GitHub Action'));

/** Returns the rows of the Markdown table under `heading`, by the name in their first cell. */
function tableRows(heading: string): Map<string, string[]> {
  const section = docs.slice(docs.indexOf(heading));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('### ')) {
      break;
    }
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (line.startsWith('|') && name !== undefined) {
      rows.set(name, cells.slice(1, -1));
    }
  }
  return rows;
}

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

describe('engine options', () => {
  const engineFlags = [
    '--config',
    ...Object.values(EVALUATE_OPTIONS).flatMap((spec) => (spec.flag === null ? [] : [spec.flag])),
  ].map((flag) => flag.slice(2));
  const covered = [...ENGINE_VALUE_INPUTS, ...ACTION_SET_OPTIONS, ...CONFIG_ONLY_OPTIONS];

  it('are each an input, set by the action or config only', () => {
    expect([...covered].sort()).toEqual([...engineFlags].sort());
  });

  it('are sorted into one group each', () => {
    expect(new Set(covered).size).toBe(covered.length);
  });
});

describe('train-only engine options', () => {
  const evaluateFlags = new Set(Object.values(EVALUATE_OPTIONS).map((spec) => spec.flag));
  const trainOnlyFlags = Object.values(TRAIN_OPTIONS)
    .flatMap((spec) => (spec.flag === null || evaluateFlags.has(spec.flag) ? [] : [spec.flag]))
    .map((flag) => flag.slice(2));
  const covered = [
    ...TRAINING_VALUE_INPUTS,
    ...TRAINING_ACTION_SET_OPTIONS,
    ...TRAINING_CONFIG_ONLY_OPTIONS,
  ];

  it('are each an input, set by the action or config only', () => {
    expect([...covered].sort()).toEqual([...trainOnlyFlags].sort());
  });

  it('are sorted into one group each', () => {
    expect(new Set(covered).size).toBe(covered.length);
  });

  it('are declared in action.yml', () => {
    for (const name of [Input.trainSteps, ...TRAINING_VALUE_INPUTS]) {
      expect(Object.keys(action.inputs), name).toContain(name);
    }
  });
});

describe('README GitHub Action section', () => {
  it('has a row for every input with its default', () => {
    const rows = tableRows('### Inputs');

    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default !== undefined) {
        expect(rows.get(name)?.[1], name).toBe(`\`${input.default}\``);
      }
    }
  });

  it('has a row for every output', () => {
    expect([...tableRows('### Outputs').keys()]).toEqual(ALL_OUTPUTS);
  });

  it('names the options that only a config file sets', () => {
    for (const name of [...CONFIG_ONLY_OPTIONS, ...TRAINING_CONFIG_ONLY_OPTIONS]) {
      expect(docs, name).toContain(`\`--${name}\``);
    }
  });

  it('states the oldest act release and the fork rule', () => {
    expect(docs).toContain('act 0.2.81 (released 2025-09-01) is the oldest release');
    expect(docs).toContain(
      '`if: github.event.pull_request.head.repo.full_name == github.repository`',
    );
  });
});
