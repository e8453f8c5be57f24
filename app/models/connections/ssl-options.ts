import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ServerLogin } from './server-login';
import { readSmallFile } from './small-file';
import { serverAcceptsTls, tlsNotSupported } from './tls-probe';

/**
 * The `ssl` option for postgres.js that gives libpq's meaning of `login.sslMode`:
 * disable → plain; prefer → TLS without verification, plain if the server refuses TLS;
 * require → TLS without verification; verify-ca → chain checked against `sslRootCert` (or
 * the system CAs); verify-full → chain and host name. Asks the server first (SSLRequest),
 * because postgres.js would start TLS even after a refusal.
 * @throws the probe's network error (map it with fromNetworkError), a `tls` TuskError when
 *   the mode needs TLS and the server refuses it, or when the CA file cannot be read.
 */
export async function sslOptionsFor(login: ServerLogin): Promise<false | ConnectionOptions> {
  if (login.sslMode === 'disable') return false;
  const accepts = await serverAcceptsTls({
    host: login.host,
    port: login.port,
    timeoutMs: login.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  if (!accepts) {
    if (login.sslMode === 'prefer') return false;
    throw tlsNotSupported({ host: login.host, port: login.port });
  }
  if (login.sslMode === 'prefer' || login.sslMode === 'require') {
    return { rejectUnauthorized: false };
  }
  const options: ConnectionOptions = { rejectUnauthorized: true };
  if (login.sslRootCert) options.ca = await readCa(login.sslRootCert);
  if (!isIP(login.host)) options.servername = login.host;
  // postgres.js passes no servername for an IP, so Node would check the name "localhost":
  // check the real host ourselves (verify-full) or not at all (verify-ca).
  options.checkServerIdentity =
    login.sslMode === 'verify-full'
      ? (_name, certificate) => checkServerIdentity(login.host, certificate)
      : () => undefined;
  return options;
}

function readCa(path: string): Promise<Buffer> {
  return readSmallFile({ action: 'read the CA certificate file', path }, 'tls');
}
