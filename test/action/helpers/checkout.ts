import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_DIR = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** A built copy of the action as the runner checks it out: `dist/`, package files, node_modules. */
export interface ActionCheckout {
  readonly dir: string;
  /** The action entry, `dist/index.js`; the engine is `dist/cli.js` beside it. */
  readonly entry: string;
  remove(): void;
}

export interface CheckoutOptions {
  /** Folder the checkout is created in; the system temp folder by default. */
  readonly parent?: string;
  /** Folder whose `src`, `scripts` and `schemas` are built; the repository by default. */
  readonly sourceRoot?: string;
}

/**
 * Builds the action into a temporary checkout with the repository's own build script
 * (`scripts/build.mjs`, the same as `npm run build`). The folder links `src`, `scripts`, `schemas`
 * and `node_modules` and copies package.json, package-lock.json and action.yml, so the built
 * action finds its engine dependencies as in a development checkout.
 */
export function buildActionCheckout(options: CheckoutOptions = {}): ActionCheckout {
  const sourceRoot = options.sourceRoot ?? REPO_DIR;
  const dir = mkdtempSync(join(options.parent ?? tmpdir(), 'seg-gate-action-'));
  for (const name of ['src', 'scripts', 'schemas']) {
    symlinkSync(join(sourceRoot, name), join(dir, name));
  }
  symlinkSync(join(REPO_DIR, 'node_modules'), join(dir, 'node_modules'));
  for (const name of ['package.json', 'package-lock.json', 'action.yml']) {
    copyFileSync(join(REPO_DIR, name), join(dir, name));
  }

  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'pipe' });
  for (const file of ['index.js', 'cli.js']) {
    if (!existsSync(join(dir, 'dist', file))) {
      throw new Error(`npm run build wrote no dist/${file} in ${dir}`);
    }
  }

  return {
    dir,
    entry: join(dir, 'dist', 'index.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
