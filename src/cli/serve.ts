/**
 * A tiny static HTTP server for the demo pages and the browser-test fixtures. Content scripts only run on
 * http(s) pages, so fixtures cannot be opened as file:// URLs. Bound to 127.0.0.1 only.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export type ServeOptions = {
  /** Directory to serve. Nothing outside it is reachable. */
  root: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /**
   * Extra response headers by URL path, e.g. `{ '/csp.html': { 'Content-Security-Policy': "default-src 'self'" } }`.
   * Paths are matched after decoding, exactly as requested (`/` and `/index.html` are different keys).
   */
  headers?: Readonly<Record<string, OutgoingHttpHeaders>>;
};

export type Served = {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  close: () => Promise<void>;
};

function decodePath(urlPath: string): string | undefined {
  try {
    const decoded = decodeURIComponent(urlPath);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** The file a decoded URL path names inside `root`, or undefined if it would leave `root`. */
export function resolveInside(root: string, decodedPath: string): string | undefined {
  const base = resolve(root);
  const file = resolve(base, `./${decodedPath.replace(/^\/+/, '')}`);
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

export function serve({ root, port = 0, headers = {} }: ServeOptions): Promise<Served> {
  const server = createServer(async (request, response) => {
    const send = (status: number, body: string, extra: OutgoingHttpHeaders = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });

    // The WHATWG parser already folds `/../`; decoding can still produce `..` from `%2F`, hence resolveInside.
    const pathname = decodePath(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (pathname === undefined) return send(400, 'Bad Request');
    let file = resolveInside(root, pathname);
    if (!file) return send(403, 'Forbidden');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = resolve(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) return send(404, 'Not Found');
      response.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        // Fixtures change between test runs; never let the browser keep an old copy.
        'Cache-Control': 'no-store',
        ...headers[pathname],
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(file).pipe(response);
    } catch {
      send(404, 'Not Found');
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://127.0.0.1:${actual}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
