import { EOL } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as core from '@actions/core';

import { createCacheBaselineStore } from './baseline/store.js';
import { createWorkerCacheService } from './cache/service.js';
import { createEngineProvider } from './engine/provider.js';
import type { ActionLog } from './log.js';
import type { ActionDeps } from './main.js';

/**
 * Builds the side effects of a real run on `@actions/core`. The entry file is `dist/index.js`;
 * its parent folder is the action checkout, and the cache worker is the same file started again.
 */
export function createRuntimeDeps(): ActionDeps {
  const entryFile = fileURLToPath(import.meta.url);
  const actionDir = dirname(dirname(entryFile));
  const env = process.env;
  const log = createCoreLog();

  return {
    env,
    readInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(message),
    log,
    summary: {
      async write(markdown) {
        await core.summary.addRaw(markdown).write();
      },
    },
    engine: createEngineProvider({ actionDir, nodePath: process.execPath, env, log }),
    createCache: (timeoutMs) =>
      createWorkerCacheService({
        workerCommand: [process.execPath, entryFile],
        timeoutMs,
        env,
        log,
      }),
    createBaselineStore: createCacheBaselineStore,
  };
}

function createCoreLog(): ActionLog {
  return {
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    warning: (message, title) => core.warning(message, title === undefined ? {} : { title }),
    error: (message, title) => core.error(message, title === undefined ? {} : { title }),
    raw: (line) => {
      process.stdout.write(line + EOL);
    },
    startGroup: (name) => core.startGroup(name),
    endGroup: () => core.endGroup(),
  };
}
