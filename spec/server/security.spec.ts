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
      new RegExp(`^http://127\\.0\\.0\\.1:${backend.port}/\\?token=[0-9a-f]{64}$`),
    );
  });

  it('serves the page only with its token: 401 without, 403 with a wrong one', async () => {
    expect((await get(backend.port, '/')).status).toBe(401);
    expect((await get(backend.port, `/?token=${'0'.repeat(64)}`)).status).toBe(403);
    const page = await get(backend.port, `/?token=${backend.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<tusk-app>');
  });

  it('sends a strict CSP and an HttpOnly SameSite cookie for the page assets', async () => {
    const page = await get(backend.port, `/?token=${backend.token}`);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${backend.port}`);
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.body).not.toMatch(/<script>|style=/);
  });

  it('serves assets with the cookie and refuses them without', async () => {
    expect((await get(backend.port, '/assets/app.js')).status).toBe(401);
    const cookie = { cookie: `tusk_token_${backend.port}=${backend.token}` };
    const script = await get(backend.port, '/assets/app.js', cookie);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/text\/javascript/);
    expect((await get(backend.port, '/assets/../package.json', cookie)).status).toBe(404);
    expect((await get(backend.port, '/assets/nothing.js', cookie)).status).toBe(404);
  });

  it('refuses a wrong Host header (DNS rebinding) even with the token', async () => {
    const reply = await get(backend.port, `/?token=${backend.token}`, {
      host: `evil.example:${backend.port}`,
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatch(/wrong Host/);
  });

  it('refuses anything but GET', async () => {
    expect((await get(backend.port, `/?token=${backend.token}`, {}, 'POST')).status).toBe(403);
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
