import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveInside, serve, type Served } from '../../src/cli/serve';

/** A raw GET, so that `..` reaches the server as typed (fetch would normalise the path first). */
function get(base: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve', () => {
  let dir: string;
  let site: string;
  let server: Served;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
    site = join(dir, 'site');
    mkdirSync(join(site, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(join(site, 'page.html'), '<p>日本語</p>');
    writeFileSync(join(site, 'style.css'), 'p{}');
    writeFileSync(join(site, 'app.js'), '1');
    writeFileSync(join(site, 'data.json'), '{}');
    writeFileSync(join(site, 'icon.svg'), '<svg/>');
    writeFileSync(join(site, 'note.txt'), 'hi');
    writeFileSync(join(site, 'sub', 'index.html'), 'sub index');
    server = await serve({
      root: site,
      headers: { '/page.html': { 'Content-Security-Policy': "default-src 'self'" } },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('binds to 127.0.0.1 on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test.each([
    ['/page.html', 'text/html; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/icon.svg', 'image/svg+xml'],
    ['/note.txt', 'text/plain; charset=utf-8'],
  ])('%s is served as %s', async (path, type) => {
    const res = await get(server.url, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  test('serves UTF-8 bodies intact and adds per-path headers', async () => {
    const res = await get(server.url, '/page.html');
    expect(res.body).toBe('<p>日本語</p>');
    expect(res.headers['content-security-policy']).toBe("default-src 'self'");
    expect((await get(server.url, '/style.css')).headers['content-security-policy']).toBeUndefined();
  });

  test('directories serve their index.html', async () => {
    expect((await get(server.url, '/')).body).toContain('<title>home</title>');
    expect((await get(server.url, '/sub/')).body).toBe('sub index');
  });

  test('missing files are 404', async () => {
    expect((await get(server.url, '/missing.html')).status).toBe(404);
  });

  test.each(['/../secret.txt', '/sub/../../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/sub/%2E%2E%2F%2E%2E%2Fsecret.txt'])(
    'no traversal outside the root: %s',
    async (path) => {
      const res = await get(server.url, path);
      expect(res.status).not.toBe(200);
      expect(res.body).not.toContain('outside the root');
    },
  );

  test('resolveInside keeps paths under the root', () => {
    expect(resolveInside('/srv/site', '/a/b.html')).toBe('/srv/site/a/b.html');
    expect(resolveInside('/srv/site', '/../site-other/x')).toBeUndefined();
    expect(resolveInside('/srv/site', '/a/../../x')).toBeUndefined();
  });
});
