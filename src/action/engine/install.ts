import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import type { Device } from '../../config/settings.js';
import { InputError } from '../../errors.js';
import { cudaProviderPath } from './probe.js';

/** Installs the engine's production dependencies into an action checkout. */
export interface PackageInstaller {
  install(actionDir: string, device: Device): Promise<void>;
}

/**
 * Creates the npm installer: `npm ci --omit=dev` from the checkout's lockfile.
 *
 * ONNX Runtime's install script only downloads the CUDA provider, so it is skipped
 * (`ONNXRUNTIME_NODE_INSTALL=skip`) for `device: cpu`. For `device: cuda` the switch is `cuda12`,
 * and the script has to run. npm 11 skips dependency install scripts that `allowScripts` in
 * package.json does not allow, and this repository denies onnxruntime-node there. It also rejects
 * `--allow-scripts` on project installs (EALLOWSCRIPTS) and ignores `.npmrc` when package.json has
 * `allowScripts` (checked with npm 11.19). So after `npm ci` the installer runs
 * `npm rebuild onnxruntime-node --dangerously-allow-all-scripts`, which runs the install script of
 * that one package only. Older npm versions run the script during `npm ci`, and the rebuild is
 * then skipped.
 */
export function createNpmInstaller(env: NodeJS.ProcessEnv): PackageInstaller {
  return {
    async install(actionDir, device) {
      const npm = findOnPath(process.platform === 'win32' ? 'npm.cmd' : 'npm', env);
      if (npm === null) {
        throw new InputError(
          'npm was not found on PATH, so the engine dependencies (sharp, ONNX Runtime, ' +
            'TensorFlow.js) cannot be installed. Add `actions/setup-node` with `node-version: 24` ' +
            'before this step.',
        );
      }
      if (!existsSync(join(actionDir, 'package-lock.json'))) {
        throw new InputError(
          `${join(actionDir, 'package-lock.json')} is missing: the engine is installed from the ` +
            "action's lockfile. Use a released version of the action.",
        );
      }

      const installEnv = {
        ...env,
        ONNXRUNTIME_NODE_INSTALL: device === 'cuda' ? 'cuda12' : 'skip',
      };
      await runNpm(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund'], actionDir, installEnv);

      const provider = device === 'cuda' ? cudaProviderPath(actionDir) : null;
      if (provider !== null && !existsSync(provider)) {
        await runNpm(
          npm,
          ['rebuild', 'onnxruntime-node', '--dangerously-allow-all-scripts'],
          actionDir,
          installEnv,
        );
      }
    },
  };
}

/** Returns the full path of an executable found on PATH, or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const folder of (env['PATH'] ?? '').split(delimiter)) {
    if (folder !== '' && existsSync(join(folder, name))) {
      return join(folder, name);
    }
  }
  return null;
}

function runNpm(
  npm: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const child = spawn(npm, args, {
    cwd,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });

  return new Promise((resolve, reject) => {
    child.on('error', (error) =>
      reject(new Error(`npm ${args.join(' ')} could not start in ${cwd}: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const ending = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
      reject(
        new Error(
          `npm ${args.join(' ')} ${ending} in ${cwd}; the engine dependencies are not installed. ` +
            'The npm log above names the package that failed.',
        ),
      );
    });
  });
}
