import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { Device } from '../../config/settings.js';
import { InputError } from '../../errors.js';
import type { CacheService } from '../cache/service.js';
import { Env } from '../constants.js';
import type { ActionLog } from '../log.js';
import { createNpmInstaller } from './install.js';
import { prepareEngine } from './prepare.js';
import { createEngineProbe } from './probe.js';
import { createProcessEngineRunner } from './run.js';
import type { EngineRunner } from './run.js';

/** Makes the engine ready to run and returns its runner. */
export interface EngineProvider {
  prepare(device: Device, cache: CacheService): Promise<EngineRunner>;
}

export interface EngineProviderOptions {
  /** The action checkout: the parent of the folder that contains the action's entry file. */
  readonly actionDir: string;
  /** The Node binary running the action; the engine and the load probe run with it too. */
  readonly nodePath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: ActionLog;
}

/**
 * Creates the provider of real runs: `dist/cli.js` of the action checkout, with its dependencies
 * prepared by `prepareEngine`. When `SEG_GATE_ENGINE` names a script, that script runs in place of
 * the engine and nothing is installed. Tests use it to run the action on a fixed report.
 */
export function createEngineProvider(options: EngineProviderOptions): EngineProvider {
  const { actionDir, nodePath, env, log } = options;

  return {
    async prepare(device, cache) {
      const override = env[Env.engineOverride];
      if (override !== undefined && override !== '') {
        log.info(`Running ${override} in place of the engine (${Env.engineOverride} is set).`);
        return createProcessEngineRunner(nodePath, override, env, log);
      }

      const cliPath = join(actionDir, 'dist', 'cli.js');
      if (!existsSync(cliPath)) {
        throw new InputError(
          `The engine ${cliPath} is missing from the action checkout. Use a released tag of the ` +
            'action, or run `npm run build` in a development checkout.',
        );
      }

      await prepareEngine({
        actionDir,
        device,
        cache,
        installer: createNpmInstaller(env),
        probe: createEngineProbe(nodePath),
        log,
      });
      return createProcessEngineRunner(nodePath, cliPath, env, log);
    },
  };
}
