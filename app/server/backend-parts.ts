import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TuskError } from '../models/errors/errors';
import { isLogLevel, type LogLevel } from '../models/logging/logging';
import type { QueryLimits } from '../models/queries/query-service';
import type { Preferences } from '../models/storage/preferences';
import type { LiveConnections } from '../models/connections/live-connections';
import type { QueryService } from '../models/queries/query-service';
import type { TabSessions } from '../models/sessions/tab-sessions';
import { ExportService } from '../models/transfer/export-service';
import type { HttpHandlerOptions } from './http-handler';
import type { SocketServer } from './socket-server';

/** The query limits of the preferences, in bytes and rows. */
export function queryLimits(settings: Preferences): QueryLimits {
  return {
    perResult: settings.resultMemoryMb * 1024 * 1024,
    total: settings.resultsTotalMemoryMb * 1024 * 1024,
    rowCap: settings.rowCap,
  };
}

/** Listens on 127.0.0.1:`port` (0: any free one); the port bound. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint = 'Choose another port with --port N, or --port 0 for any free port.';
      reject(
        error.code === 'EADDRINUSE'
          ? new TuskError('initialization', `Port ${port} is already in use`, {
              hint,
              cause: error,
            })
          : new TuskError(
              'initialization',
              `Cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})`,
              { hint, cause: error },
            ),
      );
    });
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** The log level `TUSK_LOG` names, if any. */
export function envLogLevel(): LogLevel | undefined {
  const value = process.env['TUSK_LOG'];
  return isLogLevel(value) ? (value.toLowerCase() as LogLevel) : undefined;
}

/** The days of logs `TUSK_LOG_DAYS` keeps, if set. */
export function envKeepDays(): number | undefined {
  const value = Number(process.env['TUSK_LOG_DAYS']);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

/**
 * The export service with its parts: events to every view, downloads under the token
 * address (`/<token>/exports/<id>`; `token` is read when an export starts).
 */
export function exportService(parts: {
  live: LiveConnections;
  tabs: TabSessions;
  queries: QueryService;
  views: { sockets?: SocketServer };
  token(): string;
}): ExportService {
  return new ExportService({
    live: parts.live,
    tabs: parts.tabs,
    queries: parts.queries,
    emit: (event, payload) => parts.views.sockets?.broadcast(event, payload),
    downloadUrl: (id) => `/${parts.token()}/exports/${id}`,
  });
}

/**
 * The http seam of transfers: an export's download; an upload (the import's) is answered
 * 404 until the import service takes it.
 */
export function exportTransfers(exports: ExportService): HttpHandlerOptions['transfers'] {
  return {
    download: (id: string, req: IncomingMessage, res: ServerResponse) =>
      exports.download(id, req, res),
    upload: async (_id: string, _req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('There is no such import.\n');
    },
  };
}
