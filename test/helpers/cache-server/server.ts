import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CacheStore } from './store.js';
import type { CacheEntry } from './store.js';

/**
 * A loopback implementation of both GitHub Actions cache service protocols, for tests that run
 * `@actions/cache` for real:
 *
 * - version 2 (`ACTIONS_CACHE_SERVICE_V2=true`, `ACTIONS_RESULTS_URL`): twirp JSON calls to
 *   `/twirp/github.actions.results.api.v1.CacheService/{CreateCacheEntry,
 *   FinalizeCacheEntryUpload,GetCacheEntryDownloadURL}`, with archives uploaded by
 *   `@azure/storage-blob` to a signed blob URL (`PUT`, single shot or staged blocks plus a block
 *   list) and downloaded from one (`GET`);
 * - version 1 (`ACTIONS_CACHE_URL`, used by act and GitHub Enterprise Server): REST calls under
 *   `_apis/artifactcache`: `GET cache?keys=&version=`, `POST caches` (reserve), `PATCH caches/:id`
 *   (chunk with `Content-Range`), `POST caches/:id` (commit), and `GET artifacts/:id`.
 *
 * Blob URLs use the IP style Azure's SDK understands (`/<account>/<container>/<blob>`).
 */

/** How the service responds. */
export type CacheServerMode =
  /** Works like the real service. */
  | 'ok'
  /** Responds to every API call with 401, as for a missing or expired runtime token. */
  | 'unauthorized'
  /** Holds every request for `delayMs` before handling it. */
  | 'slow'
  /** Responds to every API call with 500. */
  | 'server-error';

export interface CacheServerOptions {
  readonly mode?: CacheServerMode;
  /** Delay of `slow` mode, in milliseconds. */
  readonly delayMs?: number;
  /** Bearer token the API calls must carry. */
  readonly token?: string;
}

export interface CacheServerRequest {
  readonly method: string;
  readonly path: string;
}

export interface CacheServerHandle {
  /** Base URL with a trailing `/`, for example `http://127.0.0.1:40123/`. */
  readonly url: string;
  readonly store: CacheStore;
  readonly requests: readonly CacheServerRequest[];
  /** Environment for version 1 of the protocol. */
  envV1(): Record<string, string>;
  /** Environment for version 2 of the protocol. */
  envV2(): Record<string, string>;
  setMode(mode: CacheServerMode): void;
  /** Stops the server and drops open connections, including held `slow` requests. */
  close(): Promise<void>;
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const V1_PREFIX = '/_apis/artifactcache/';
const BLOB_PREFIX = '/devstoreaccount1/cache/';
const BLOB_SIGNATURE = 'sig=loopback';

/** Starts the service on 127.0.0.1 with a free port. */
export async function startCacheServer(
  options: CacheServerOptions = {},
): Promise<CacheServerHandle> {
  const store = new CacheStore();
  const requests: CacheServerRequest[] = [];
  const token = options.token ?? 'loopback-token';
  let mode: CacheServerMode = options.mode ?? 'ok';
  let url = '';

  const server: Server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '' });
    const handle = (): void => {
      route({ request, response, store, token, mode, url }).catch((error: unknown) => {
        sendJson(response, 500, { message: String(error) });
      });
    };
    if (mode === 'slow') {
      setTimeout(handle, options.delayMs ?? 60_000).unref();
    } else {
      handle();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url,
    store,
    requests,
    envV1: () => ({ ACTIONS_CACHE_URL: url, ACTIONS_RUNTIME_TOKEN: token }),
    envV2: () => ({
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: url,
      ACTIONS_RUNTIME_TOKEN: token,
    }),
    setMode: (next) => {
      mode = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface RouteContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly store: CacheStore;
  readonly token: string;
  readonly mode: CacheServerMode;
  readonly url: string;
}

async function route(context: RouteContext): Promise<void> {
  const { request, response } = context;
  const target = new URL(request.url ?? '/', context.url);

  if (target.pathname.startsWith(BLOB_PREFIX)) {
    await handleBlob(context, target);
    return;
  }
  // Archive downloads carry no token: `@actions/cache` fetches the archive location without one.
  if (request.method === 'GET' && target.pathname.startsWith(`${V1_PREFIX}artifacts/`)) {
    const entry = context.store.byId(Number(target.pathname.slice(V1_PREFIX.length + 10)));
    sendBytes(response, entry?.complete === true ? entry.data : null);
    return;
  }

  if (context.mode === 'server-error') {
    sendJson(response, 500, { code: 'internal', msg: 'loopback cache service: server error' });
    return;
  }
  if (
    context.mode === 'unauthorized' ||
    request.headers.authorization !== `Bearer ${context.token}`
  ) {
    sendJson(response, 401, {
      code: 'unauthenticated',
      msg: 'loopback cache service: unauthorized',
      message: 'unauthorized',
    });
    return;
  }

  if (target.pathname.startsWith(TWIRP_PREFIX)) {
    await handleTwirp(context, target.pathname.slice(TWIRP_PREFIX.length));
    return;
  }
  if (target.pathname.startsWith(V1_PREFIX)) {
    await handleV1(context, target);
    return;
  }
  sendJson(response, 404, { message: `not found: ${target.pathname}` });
}

async function handleTwirp(context: RouteContext, method: string): Promise<void> {
  const { response, store } = context;
  const body = JSON.parse((await readBody(context.request)).toString('utf8') || '{}') as Record<
    string,
    unknown
  >;
  const key = String(body['key'] ?? '');
  const version = String(body['version'] ?? '');

  switch (method) {
    case 'CreateCacheEntry': {
      const entry = store.reserve(key, version);
      if (entry === null) {
        sendJson(response, 409, {
          code: 'already_exists',
          msg: `cache entry ${key} already exists`,
        });
        return;
      }
      sendJson(response, 200, { ok: true, signed_upload_url: blobUrl(context.url, entry) });
      return;
    }
    case 'FinalizeCacheEntryUpload': {
      const entry = store.byKey(key, version);
      if (entry === undefined || entry.data === null) {
        sendJson(response, 200, { ok: false, message: `cache entry ${key} has no upload` });
        return;
      }
      const size = Number(body['size_bytes'] ?? body['sizeBytes']);
      if (size !== entry.data.length) {
        sendJson(response, 200, {
          ok: false,
          message: `size ${size} vs uploaded ${entry.data.length}`,
        });
        return;
      }
      entry.complete = true;
      sendJson(response, 200, { ok: true, entry_id: String(entry.id) });
      return;
    }
    case 'GetCacheEntryDownloadURL': {
      const restoreKeys = Array.isArray(body['restore_keys'])
        ? body['restore_keys'].map(String)
        : [];
      const entry = store.find([key, ...restoreKeys], version);
      if (entry === undefined) {
        sendJson(response, 200, { ok: false });
        return;
      }
      sendJson(response, 200, {
        ok: true,
        signed_download_url: blobUrl(context.url, entry),
        matched_key: entry.key,
      });
      return;
    }
    default:
      sendJson(response, 404, { code: 'bad_route', msg: `no method ${method}` });
  }
}

async function handleBlob(context: RouteContext, target: URL): Promise<void> {
  const { request, response, store } = context;
  const entry = store.byId(Number(target.pathname.slice(BLOB_PREFIX.length)));
  if (!target.search.includes(BLOB_SIGNATURE) || entry === undefined) {
    sendXml(response, 403, '<Error><Code>AuthenticationFailed</Code></Error>');
    return;
  }

  if (request.method === 'GET') {
    sendBytes(response, entry.complete ? entry.data : null);
    return;
  }
  if (request.method !== 'PUT') {
    sendXml(response, 405, '<Error><Code>UnsupportedHttpVerb</Code></Error>');
    return;
  }

  const body = await readBody(request);
  const comp = target.searchParams.get('comp');
  if (comp === 'block') {
    entry.blocks.set(target.searchParams.get('blockid') ?? '', body);
  } else if (comp === 'blocklist') {
    const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)];
    entry.data = Buffer.concat(
      ids.map((match) => entry.blocks.get(match[1] ?? '') ?? Buffer.alloc(0)),
    );
  } else {
    entry.data = body;
  }
  response.writeHead(201, {
    ETag: `"0x${entry.id.toString(16)}"`,
    'Last-Modified': new Date().toUTCString(),
    'x-ms-request-complete': 'true',
    'Content-Length': '0',
  });
  response.end();
}

async function handleV1(context: RouteContext, target: URL): Promise<void> {
  const { request, response, store } = context;
  const resource = target.pathname.slice(V1_PREFIX.length);

  if (request.method === 'GET' && resource === 'cache') {
    const keys = (target.searchParams.get('keys') ?? '').split(',');
    const entry = store.find(keys, target.searchParams.get('version') ?? '');
    if (entry === undefined) {
      response.writeHead(204);
      response.end();
      return;
    }
    sendJson(response, 200, {
      result: 'hit',
      cacheKey: entry.key,
      archiveLocation: `${context.url}_apis/artifactcache/artifacts/${entry.id}`,
    });
    return;
  }

  if (request.method === 'POST' && resource === 'caches') {
    const body = JSON.parse((await readBody(request)).toString('utf8')) as Record<string, unknown>;
    const entry = store.reserve(String(body['key']), String(body['version']));
    if (entry === null) {
      sendJson(response, 409, { message: `cache entry ${String(body['key'])} already exists` });
      return;
    }
    sendJson(response, 201, { cacheId: entry.id });
    return;
  }

  const id = Number(resource.slice('caches/'.length));
  const entry = resource.startsWith('caches/') ? store.byId(id) : undefined;
  if (entry === undefined) {
    sendJson(response, 404, { message: `no cache entry for ${resource}` });
    return;
  }

  if (request.method === 'PATCH') {
    const range = /^bytes (\d+)-(\d+)\/\*$/.exec(request.headers['content-range'] ?? '');
    if (range === null) {
      sendJson(response, 400, { message: 'missing Content-Range' });
      return;
    }
    entry.chunks.set(Number(range[1]), await readBody(request));
    sendJson(response, 200, {});
    return;
  }

  if (request.method === 'POST') {
    const body = JSON.parse((await readBody(request)).toString('utf8')) as { size?: number };
    const offsets = [...entry.chunks.keys()].sort((a, b) => a - b);
    const data = Buffer.concat(
      offsets.map((offset) => entry.chunks.get(offset) ?? Buffer.alloc(0)),
    );
    if (body.size !== data.length) {
      sendJson(response, 400, { message: `size ${body.size} vs uploaded ${data.length}` });
      return;
    }
    entry.data = data;
    entry.complete = true;
    response.writeHead(204);
    response.end();
    return;
  }
  sendJson(response, 405, { message: `${request.method} not supported on ${resource}` });
}

function blobUrl(base: string, entry: CacheEntry): string {
  return `${base}${BLOB_PREFIX.slice(1)}${entry.id}?${BLOB_SIGNATURE}`;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendXml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function sendBytes(response: ServerResponse, data: Buffer | null): void {
  if (data === null) {
    sendXml(response, 404, '<Error><Code>BlobNotFound</Code></Error>');
    return;
  }
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': data.length,
  });
  response.end(data);
}
