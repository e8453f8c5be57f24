import { request } from 'node:http';
import { startTestBackend } from '../support/backend';
import { openSocket, socketUrl } from '../support/socket';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET to the backend with exactly the headers given (Host included). */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('local server security', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend?.stop());

  it('listens on 127.0.0.1 only, with a 256-bit token in the printed URL', () => {
    expect(backend.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${backend.port}/[0-9a-f]{64}/$`),
    );
  });

  it('serves the page only under its token: 401 without, 403 with a wrong one', async () => {
    expect((await get(backend.port, '/')).status).toBe(401);
    expect((await get(backend.port, `/?token=${backend.token}`)).status).toBe(401);
    expect((await get(backend.port, `/${'0'.repeat(64)}/`)).status).toBe(403);
    const page = await get(backend.port, `/${backend.token}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<tusk-app>');
    const bare = await get(backend.port, `/${backend.token}`);
    expect(bare.status).toBe(301);
    expect(bare.headers['location']).toBe(`/${backend.token}/`);
  });

  it('sends a strict CSP and no cookie at all (a cookie would reach every port of 127.0.0.1)', async () => {
    const page = await get(backend.port, `/${backend.token}/`);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${backend.port}`);
    expect(page.body).not.toMatch(/<script>|style=/);
    for (const path of [
      '/',
      `/${backend.token}`,
      `/${backend.token}/`,
      `/${backend.token}/assets/app.js`,
    ]) {
      expect((await get(backend.port, path)).headers['set-cookie']).toBeUndefined();
    }
  });

  it('serves assets under the token and refuses them without', async () => {
    expect((await get(backend.port, '/assets/app.js')).status).toBe(401);
    const script = await get(backend.port, `/${backend.token}/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/text\/javascript/);
    const page = await get(backend.port, `/${backend.token}/`);
    expect(page.body).toContain(`src="/${backend.token}/assets/app.js"`);
    for (const path of [
      `/${backend.token}/assets/../package.json`,
      `/${backend.token}/assets/%2e%2e/package.json`,
      `/${backend.token}/../${backend.token}/package.json`,
      `/${backend.token}/assets/nothing.js`,
    ]) {
      expect((await get(backend.port, path)).status).toBe(404);
    }
  });

  it('refuses a wrong Host header (DNS rebinding) even with the token', async () => {
    const reply = await get(backend.port, `/${backend.token}/`, {
      host: `evil.example:${backend.port}`,
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatch(/wrong Host/);
  });

  it('refuses anything but GET', async () => {
    expect((await get(backend.port, `/${backend.token}/`, {}, 'POST')).status).toBe(403);
  });

  it('refuses socket upgrades without the token (401), with a wrong one (403), from another Origin or Host (403)', async () => {
    await expect(openSocket(socketUrl(backend.port, null))).rejects.toThrow('HTTP 401');
    await expect(openSocket(socketUrl(backend.port, 'f'.repeat(64)))).rejects.toThrow('HTTP 403');
    await expect(
      openSocket(socketUrl(backend.port, backend.token), { origin: 'http://evil.example' }),
    ).rejects.toThrow('HTTP 403');
    await expect(
      openSocket(socketUrl(backend.port, backend.token), { host: `evil.example:${backend.port}` }),
    ).rejects.toThrow('HTTP 403');
    const ok = await openSocket(socketUrl(backend.port, backend.token), {
      origin: `http://127.0.0.1:${backend.port}`,
    });
    expect((await ok.request('app.health', {}))['result']).toBeDefined();
    ok.close();
  });
});
