export { startCacheServer } from './server.js';
export type {
  CacheServerHandle,
  CacheServerMode,
  CacheServerOptions,
  CacheServerRequest,
} from './server.js';
export { CacheStore } from './store.js';
export type { CacheEntry } from './store.js';
