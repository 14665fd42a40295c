import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_DIR = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** A built copy of the action as the runner checks it out: `dist/`, package files, node_modules. */
export interface ActionCheckout {
  readonly dir: string;
  readonly entry: string;
  /** True when `dist/cli.js` (the real engine) was built too. */
  readonly hasEngine: boolean;
  remove(): void;
}

export const ENGINE_SKIP_REASON =
  'the engine entry src/cli/main.ts does not exist yet, so dist/cli.js cannot be built';

/**
 * Builds the action into a temporary checkout with the repository's own build script
 * (`scripts/build.mjs`, the same as `npm run build`). The folder links `src`, `scripts` and
 * `node_modules` to the repository and copies package.json and package-lock.json, so the built
 * action finds its engine dependencies as in a development checkout. When the engine entry does
 * not exist yet, only `dist/index.js` is built, with the same esbuild options.
 */
export function buildActionCheckout(): ActionCheckout {
  const dir = mkdtempSync(join(tmpdir(), 'seg-gate-action-'));
  for (const name of ['src', 'scripts', 'node_modules']) {
    symlinkSync(join(REPO_DIR, name), join(dir, name));
  }
  for (const name of ['package.json', 'package-lock.json', 'action.yml']) {
    copyFileSync(join(REPO_DIR, name), join(dir, name));
  }

  const hasEngine = existsSync(join(REPO_DIR, 'src/cli/main.ts'));
  if (hasEngine) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'pipe' });
  } else {
    mkdirSync(join(dir, 'dist'));
    execFileSync(process.execPath, ['--input-type=module', '-e', ACTION_ONLY_BUILD], {
      cwd: dir,
      stdio: 'pipe',
    });
  }

  return {
    dir,
    entry: join(dir, 'dist', 'index.js'),
    hasEngine,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The action entry of scripts/build.mjs, for checkouts without the engine entry. */
const ACTION_ONLY_BUILD = `
import { build } from 'esbuild';
await build({
  entryPoints: ['src/action/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: "import { createRequire as __segGateCreateRequire } from 'node:module';\\nconst require = __segGateCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
`;
