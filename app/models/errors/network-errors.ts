import { isErrorLike, TuskError } from './errors';

/** Where a connection attempt was going, for messages. */
export interface ConnectTarget {
  host: string;
  port: number;
  /** The connect timeout in force, for the timeout message. */
  timeoutMs?: number;
}

const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * Maps a failure to reach a server (Node network and TLS errors, postgres.js's
 * CONNECT_TIMEOUT and CONNECTION_CLOSED) to a TuskError with
 * its stage and a hint; returns undefined for anything else. Never throws.
 */
export function fromNetworkError(error: unknown, target: ConnectTarget): TuskError | undefined {
  if (!isErrorLike(error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const where = `${target.host}:${target.port}`;
  const make = (
    kind: 'connection' | 'tls',
    stage: 'dns' | 'tcp' | 'tls',
    message: string,
    hint: string,
  ) => new TuskError(kind, message, { stage, hint, detail: error.message, cause: error });

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return make(
      'connection',
      'dns',
      `Unknown host "${target.host}"`,
      'Check the host name for typos, or use its IP address; check your DNS or VPN.',
    );
  }
  if (code === 'ECONNREFUSED') {
    return make(
      'connection',
      'tcp',
      `Connection refused by ${where}`,
      `Nothing accepts connections on port ${target.port}: check that PostgreSQL is running, the port, and listen_addresses on the server.`,
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return make(
      'connection',
      'tcp',
      `No route to ${where}`,
      'Check the address, your network or VPN, and any firewall in between.',
    );
  }
  if (code === 'ETIMEDOUT' || code === 'CONNECT_TIMEOUT') {
    const after = target.timeoutMs ? ` after ${(target.timeoutMs / 1000).toFixed(0)} s` : '';
    return make(
      'connection',
      'tcp',
      `No answer from ${where}${after}`,
      'The host did not answer: check the address and port, and that no firewall drops the traffic; then retry.',
    );
  }
  if (
    code === 'ECONNRESET' ||
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECTION_ENDED' ||
    code === 'CONNECTION_DESTROYED'
  ) {
    return make(
      'connection',
      'tcp',
      `The connection to ${where} was closed`,
      'The server or something in between closed the connection: check the server log, then reconnect.',
    );
  }
  if (TLS_UNTRUSTED.has(code)) {
    return make(
      'tls',
      'tls',
      `The server's certificate is not trusted (${code})`,
      'Set the CA certificate that signed the server certificate (sslCaCert), or use SSL mode "require" to skip verification.',
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return make(
      'tls',
      'tls',
      `The server's certificate does not name "${target.host}"`,
      'Connect with the host name the certificate names, or use SSL mode "verify-ca" to check the chain only.',
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return make(
      'tls',
      'tls',
      `The server's certificate is not valid now (${code})`,
      "Renew the server's certificate, or check this computer's clock.",
    );
  }
  return undefined;
}
