import { connect } from 'node:net';
import { TuskError } from '../errors/errors';
import { fromNetworkError, type ConnectTarget } from '../errors/network-errors';

/** PostgreSQL's SSLRequest: length 8, code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * Asks the server whether it accepts TLS (an SSLRequest, answered 'S' or 'N'), then closes.
 * Needed because postgres.js with `ssl: 'require'` starts TLS even after an 'N', which only
 * shows as an unexplained closed connection.
 * @throws the socket's error (refused, unknown host…) or a `connection` TuskError on timeout.
 */
export function serverAcceptsTls(target: ConnectTarget): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    const timeoutMs = target.timeoutMs ?? 10_000;
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      const timedOut = Object.assign(new Error(`no answer within ${timeoutMs} ms`), {
        code: 'ETIMEDOUT',
      });
      reject(fromNetworkError(timedOut, { ...target, timeoutMs }));
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (data: Buffer) => {
      socket.destroy();
      resolve(data[0] === 0x53); // 'S'
    });
  });
}

/** The error for SSL modes that need TLS when {@link serverAcceptsTls} said no. */
export function tlsNotSupported(target: ConnectTarget): TuskError {
  return new TuskError(
    'tls',
    `${target.host}:${target.port} does not support TLS, but this connection requires it`,
    {
      stage: 'tls',
      hint: 'Enable ssl on the server, or choose SSL mode "prefer" or "disable" if plain connections are acceptable here.',
    },
  );
}
