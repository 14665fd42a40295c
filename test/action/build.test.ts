import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_DIR, buildActionCheckout } from './helpers/checkout.js';
import type { ActionCheckout } from './helpers/checkout.js';

// `npm run check-dist` compares the committed dist/ with a fresh build, so two builds of the same
// sources must give the same bytes. esbuild names each bundled module in a comment by its path
// relative to the build folder, so both checkouts sit in one parent folder. They build one copy
// of the sources, which edits to the working tree during the test cannot change.
describe('npm run build', () => {
  let parent: string;
  let first: ActionCheckout;
  let second: ActionCheckout;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'seg-gate-build-'));
    const sourceRoot = join(parent, 'sources');
    mkdirSync(sourceRoot);
    for (const name of ['src', 'scripts', 'schemas']) {
      cpSync(join(REPO_DIR, name), join(sourceRoot, name), { recursive: true });
    }
    cpSync(join(REPO_DIR, 'package.json'), join(sourceRoot, 'package.json'));
    // Node and esbuild look up packages from the real path of the build script and sources.
    symlinkSync(join(REPO_DIR, 'node_modules'), join(sourceRoot, 'node_modules'));
    first = buildActionCheckout({ parent, sourceRoot });
    second = buildActionCheckout({ parent, sourceRoot });
  });

  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  for (const file of ['index.js', 'cli.js']) {
    it(`builds dist/${file} byte for byte again`, () => {
      const a = readFileSync(join(first.dir, 'dist', file));
      const b = readFileSync(join(second.dir, 'dist', file));

      expect(a.length).toBeGreaterThan(0);
      expect(a.equals(b)).toBe(true);
    });

    it(`keeps the checkout path out of dist/${file}`, () => {
      const text = readFileSync(join(first.dir, 'dist', file), 'utf8');

      expect(text).not.toContain(first.dir);
      expect(text).not.toContain(parent);
    });
  }

  it('bundles the action entry with Node built-ins only', () => {
    const text = readFileSync(first.entry, 'utf8');
    const imported = [...text.matchAll(/^import .* from ['"]([^'"]+)['"];?$/gm)].map(
      (match) => match[1] ?? '',
    );
    const builtins = new Set(builtinModules);

    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((name) => !builtins.has(name.replace(/^node:/, '')))).toEqual([]);
  });
});
