import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Client, ConnectConfig } from 'ssh2';
import { TuskError } from '../errors/errors';
import { readSmallFile } from './small-file';
import { getLogger } from '../logging/logging';
import { rememberSecret } from '../errors/redact';
import {
  fromSshError,
  hostKeyChanged,
  hostKeyUnconfirmed,
  type SshAttempt,
} from '../errors/ssh-errors';

const log = getLogger('ssh');

/** How the tunnel logs in. Secrets stay in memory and are redacted from logs. */
export type SshAuth =
  | { method: 'password'; password: string }
  | { method: 'key'; privateKeyPath: string; passphrase?: string }
  | { method: 'agent'; agentSocket?: string };

/** Options of {@link openSshTunnel}. */
export interface SshTunnelOptions {
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  auth: SshAuth;
  /**
   * The host key fingerprint recorded for this server (`SHA256:…`). When set, another key
   * is refused with a "host key changed" error. When absent, see `unknownHostKey`.
   */
  knownHostKey?: string;
  /**
   * With no `knownHostKey`: `refuse` (a saved connection's first use) fails with
   * {@link hostKeyUnconfirmed} naming the fingerprint for the user to confirm; `accept`
   * (default) lets any key in and reports it as {@link SshTunnel.hostKey}.
   */
  unknownHostKey?: 'accept' | 'refuse';
  /** Where to forward, as seen from the SSH server. */
  target: { host: string; port: number };
  /** Local port on 127.0.0.1; 0 or absent picks a free one. */
  localPort?: number;
  /** Handshake timeout (default 10 s). */
  readyTimeoutMs?: number;
  /** Keepalive interval (default 15 s; three missed answers close the tunnel). */
  keepaliveMs?: number;
}

/** An open tunnel: connect to 127.0.0.1:`localPort` to reach the target. */
export interface SshTunnel {
  localHost: '127.0.0.1';
  localPort: number;
  /** The server's host key fingerprint, `SHA256:…` as `ssh-keygen -l` prints it. */
  hostKey: string;
  /** Resolves when the tunnel has closed (after {@link SshTunnel.close} or a drop). */
  closed: Promise<void>;
  /** Closes the listener, every forwarded socket and the SSH connection. */
  close(): Promise<void>;
}

/** `SHA256:<base64 without padding>` of a raw host key. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Opens an SSH connection, checks the host key, verifies that the server forwards to the
 * target, and listens on 127.0.0.1 for connections to forward.
 * @throws TuskError of kind `ssh` (stage `ssh`) with a hint: unreachable server, timeout,
 *   changed host key, authentication, unreadable or protected key file, forward refused.
 */
/**
 * ssh2, required on the first tunnel: most sessions never open one, and Tusk starts ~40 ms
 * sooner without it. (A require, not import(): the backend is CommonJS.)
 */
function loadSsh2(): typeof import('ssh2') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ssh2') as typeof import('ssh2');
}

export async function openSshTunnel(options: SshTunnelOptions): Promise<SshTunnel> {
  const attempt: SshAttempt = {
    host: options.host,
    port: options.port ?? 22,
    username: options.username,
    method: options.auth.method,
    timeoutMs: options.readyTimeoutMs ?? 10_000,
    target: options.target,
  };
  const client = new (loadSsh2().Client)();
  // ssh2 can emit more errors after the first (e.g. "Connection lost before handshake" once a
  // timed-out attempt is ended); an unheard 'error' event would crash the app.
  client.on('error', (error) => log.debug(`ssh ${attempt.host}:${attempt.port}: ${error.message}`));
  let hostKey = '';
  let mismatch: TuskError | undefined;
  try {
    const config = await connectConfig(options, attempt, (key) => {
      hostKey = hostKeyFingerprint(key);
      if (options.knownHostKey === undefined) {
        if (options.unknownHostKey !== 'refuse') return true;
        mismatch = hostKeyUnconfirmed(attempt, hostKey);
        return false;
      }
      if (options.knownHostKey === hostKey) return true;
      mismatch = hostKeyChanged(attempt, { expected: options.knownHostKey, actual: hostKey });
      return false;
    });
    await connect(client, config);
    await checkForward(client, attempt, options.target, attempt.timeoutMs ?? 10_000);
  } catch (error) {
    client.end();
    throw mismatch ?? asSshError(error, attempt);
  }
  const server = await listen(client, options, attempt);
  log.info(
    `tunnel ${options.username}@${attempt.host}:${attempt.port} → ${options.target.host}:${options.target.port} on 127.0.0.1:${(server.address() as AddressInfo).port}`,
  );
  return tunnelOf(client, server, hostKey);
}

async function connectConfig(
  options: SshTunnelOptions,
  attempt: SshAttempt,
  verify: (key: Buffer) => boolean,
): Promise<ConnectConfig> {
  const config: ConnectConfig = {
    host: attempt.host,
    port: attempt.port,
    username: options.username,
    readyTimeout: attempt.timeoutMs,
    keepaliveInterval: options.keepaliveMs ?? 15_000,
    keepaliveCountMax: 3,
    hostVerifier: verify,
  };
  const auth = options.auth;
  if (auth.method === 'password') {
    rememberSecret(auth.password);
    config.password = auth.password;
    config.tryKeyboard = false;
  } else if (auth.method === 'key') {
    rememberSecret(auth.passphrase);
    config.privateKey = await readSmallFile(
      { action: 'read the SSH key file', path: auth.privateKeyPath },
      'ssh',
    );
    if (auth.passphrase !== undefined) config.passphrase = auth.passphrase;
  } else {
    const agent = auth.agentSocket ?? process.env['SSH_AUTH_SOCK'];
    if (!agent) {
      throw new TuskError('ssh', 'No SSH agent is running', {
        stage: 'ssh',
        hint: 'Start ssh-agent and add your key with ssh-add (SSH_AUTH_SOCK must be set), or choose a key file.',
      });
    }
    config.agent = agent;
  }
  return config;
}

function connect(client: Client, config: ConnectConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      client.off('ready', onReady);
      reject(error);
    };
    const onReady = () => {
      client.off('error', onError);
      resolve();
    };
    client.once('error', onError).once('ready', onReady);
    try {
      client.connect(config);
    } catch (error) {
      client.off('ready', onReady).off('error', onError);
      reject(error as Error);
    }
  });
}

/** Opens and closes one forwarded channel, so a refused forward fails the open, not a query. */
function checkForward(
  client: Client,
  attempt: SshAttempt,
  target: SshTunnelOptions['target'],
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new TuskError(
          'ssh',
          `The SSH server ${attempt.host}:${attempt.port} did not answer the forward to ${target.host}:${target.port} within ${(timeoutMs / 1000).toFixed(0)} s`,
          {
            stage: 'ssh',
            hint: 'The SSH server is slow or stuck: try again, or raise the connect timeout in the connection settings.',
          },
        ),
      );
    }, timeoutMs);
    client.forwardOut('127.0.0.1', 0, target.host, target.port, (error, channel) => {
      if (error) {
        clearTimeout(timer);
        return reject(error);
      }
      channel.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
      channel.resume(); // the stream only closes once its readable side is consumed
      channel.end();
    });
  });
}

function listen(client: Client, options: SshTunnelOptions, attempt: SshAttempt): Promise<Server> {
  const server = createServer((socket) => forward(client, socket, options.target));
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      client.end();
      reject(
        new TuskError('ssh', `Cannot listen on 127.0.0.1:${options.localPort} for the SSH tunnel`, {
          stage: 'ssh',
          cause: error,
          detail: error.message,
          hint:
            error.code === 'EADDRINUSE'
              ? 'Another program uses that port: choose another local port, or leave it empty to pick a free one.'
              : `Choose another local port for the tunnel to ${attempt.host}.`,
        }),
      );
    });
    server.listen(options.localPort ?? 0, '127.0.0.1', () => resolve(server));
  });
}

function forward(client: Client, socket: Socket, target: SshTunnelOptions['target']): void {
  socket.setNoDelay(true);
  client.forwardOut(
    socket.remoteAddress ?? '127.0.0.1',
    socket.remotePort ?? 0,
    target.host,
    target.port,
    (error, channel) => {
      if (error) {
        log.warn(`forward to ${target.host}:${target.port} refused: ${error.message}`);
        socket.destroy();
        return;
      }
      socket.pipe(channel).pipe(socket);
      socket.on('error', () => channel.destroy());
      channel.on('error', () => socket.destroy());
      socket.on('close', () => channel.destroy());
      channel.on('close', () => socket.destroy());
    },
  );
}

function tunnelOf(client: Client, server: Server, hostKey: string): SshTunnel {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const closed = new Promise<void>((resolve) => {
    let pending = 2;
    const done = () => --pending === 0 && resolve();
    client.once('close', () => {
      server.close();
      for (const socket of sockets) socket.destroy();
      done();
    });
    server.once('close', done);
  });
  return {
    localHost: '127.0.0.1',
    localPort: (server.address() as AddressInfo).port,
    hostKey,
    closed,
    async close() {
      server.close();
      for (const socket of sockets) socket.destroy();
      client.end();
      await closed;
    },
  };
}

function asSshError(error: unknown, attempt: SshAttempt): TuskError {
  if (error instanceof TuskError) return error;
  return (
    fromSshError(error, attempt) ??
    new TuskError('ssh', `The SSH connection to ${attempt.host}:${attempt.port} failed`, {
      stage: 'ssh',
      cause: error,
      detail: error instanceof Error ? error.message : String(error),
      hint: 'Check the SSH settings of the connection, then try again.',
    })
  );
}
