import { DriverSession } from './driver-session';

/** Where a one-shot admin query logs in: a plain connection, password or none. */
export interface AdminLogin {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  /** Connect and login timeout, ms (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * Opens a session of its own on a plain connection, runs `text` (several statements when
 * it has no parameters) and ends the session, whatever happened: for work outside any
 * pool, such as creating and loading the demo database. Resolves with the rows of the
 * last result; notices are dropped.
 * @throws the driver's error (server or network); the session is ended then too.
 */
export async function adminQuery<R extends object = Record<string, unknown>>(
  login: AdminLogin,
  text: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  const timeoutMs = login.connectTimeoutMs ?? 10_000;
  const session = new DriverSession({
    host: login.host,
    port: login.port,
    user: login.user,
    database: login.database,
    ...(login.password === undefined ? {} : { password: login.password }),
    ssl: false,
    connectTimeoutSeconds: Math.ceil(timeoutMs / 1000),
    keepAliveSeconds: 0,
    socketTimeoutMs: () => timeoutMs,
    startup: { application_name: 'Tusk' },
  });
  try {
    return await session.query<R>(text, params);
  } finally {
    await session.end(1);
  }
}
