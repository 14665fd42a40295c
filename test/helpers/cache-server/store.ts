/** One cache entry of the loopback cache service. */
export interface CacheEntry {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  /** Order of creation; a higher number is newer. */
  readonly created: number;
  /** Uploaded bytes by offset (v1 chunks) or by block id (v2 staged blocks). */
  readonly chunks: Map<number, Buffer>;
  readonly blocks: Map<string, Buffer>;
  data: Buffer | null;
  complete: boolean;
}

/**
 * Entry store of the loopback cache service. Lookups follow the GitHub cache service and act's
 * cache server. For each key in order, an exact match of key and version comes first, then the
 * newest complete entry whose key starts with it. Keys compare case-insensitively, as act does.
 */
export class CacheStore {
  private readonly entries: CacheEntry[] = [];
  private nextId = 1;

  /** Returns every entry, in creation order. */
  list(): readonly CacheEntry[] {
    return this.entries;
  }

  /** Reserves a new entry, or returns null when one with this key and version exists. */
  reserve(key: string, version: string): CacheEntry | null {
    const existing = this.entries.find(
      (entry) => sameKey(entry.key, key) && entry.version === version,
    );
    if (existing !== undefined) {
      return null;
    }
    const entry: CacheEntry = {
      id: this.nextId,
      key,
      version,
      created: this.nextId,
      chunks: new Map(),
      blocks: new Map(),
      data: null,
      complete: false,
    };
    this.nextId += 1;
    this.entries.push(entry);
    return entry;
  }

  byId(id: number): CacheEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  byKey(key: string, version: string): CacheEntry | undefined {
    return this.entries.find((entry) => sameKey(entry.key, key) && entry.version === version);
  }

  /** Finds the entry to restore for keys tried in order, or undefined. */
  find(keys: readonly string[], version: string): CacheEntry | undefined {
    const complete = this.entries.filter((entry) => entry.complete && entry.version === version);
    for (const key of keys) {
      const exact = complete.find((entry) => sameKey(entry.key, key));
      if (exact !== undefined) {
        return exact;
      }
      const prefixed = complete
        .filter((entry) => entry.key.toLowerCase().startsWith(key.toLowerCase()))
        .sort((a, b) => b.created - a.created);
      if (prefixed[0] !== undefined) {
        return prefixed[0];
      }
    }
    return undefined;
  }
}

function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
