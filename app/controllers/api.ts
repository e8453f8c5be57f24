/**
 * The controllers' API as types, for the view-side client: method names, their params and
 * results, and the server's events. Type-only: nothing here runs.
 */
import type { z } from 'zod';
import type { Action } from './action';
import type { createActivityController } from './activity-controller';
import type { createAppController } from './app-controller';
import type { createConnectionsController } from './connections-controller';
import type { createEditsController } from './edits-controller';
import type { createExportController } from './export-controller';
import type { createImportController } from './import-controller';
import type { createHistoryController } from './history-controller';
import type { createPreferencesController } from './preferences-controller';
import type { createQueriesController } from './queries-controller';
import type { createSchemaController } from './schema-controller';
import type { createSavedController } from './saved-controller';
import type { createSessionsController } from './sessions-controller';
import type { createWorkspaceController } from './workspace-controller';

export type { ErrorInfo, ErrorKind, ValidationIssue } from '../models/errors/error-info';
export type { Health } from '../models/app/health';
export type { Notice } from '../models/logging/notices';
export type { ConnectionColor } from '../models/connections/connection-config';
export type * from '../models/schema/schema-types';
export type * from '../models/edits/edit-types';
export type * from '../models/transfer/transfer-types';
export type * from '../common/activity-shapes';
export type * from '../common/plan-shapes';
export type { Layout, WorkspaceTab } from '../models/storage/workspace-schema';
export type { ConnectionView, ServerEvents, WorkspaceChange } from './events';

/** Every controller by its method prefix. */
export interface Controllers {
  activity: ReturnType<typeof createActivityController>;
  app: ReturnType<typeof createAppController>;
  connections: ReturnType<typeof createConnectionsController>;
  edits: ReturnType<typeof createEditsController>;
  export: ReturnType<typeof createExportController>;
  import: ReturnType<typeof createImportController>;
  preferences: ReturnType<typeof createPreferencesController>;
  history: ReturnType<typeof createHistoryController>;
  queries: ReturnType<typeof createQueriesController>;
  saved: ReturnType<typeof createSavedController>;
  schema: ReturnType<typeof createSchemaController>;
  sessions: ReturnType<typeof createSessionsController>;
  workspace: ReturnType<typeof createWorkspaceController>;
}

type MethodName = {
  [C in keyof Controllers & string]: `${C}.${keyof Controllers[C] & string}`;
}[keyof Controllers & string];

/** For each method `"controller.action"`: `{params, result}`. */
export type Methods = {
  [M in MethodName]: M extends `${infer C extends keyof Controllers}.${infer A}`
    ? A extends keyof Controllers[C]
      ? Controllers[C][A] extends Action<infer S, infer R>
        ? { params: z.input<S>; result: Awaited<R> }
        : never
      : never
    : never;
};

/** A request on the socket. */
export interface RequestMessage {
  id: string | number;
  method: string;
  params?: unknown;
}

/** A response on the socket: exactly one of `result` or `error`. */
export type ResponseMessage =
  | { id: string | number | null; result: unknown }
  | { id: string | number | null; error: import('../models/errors/error-info').ErrorInfo };

/** A server push; `own`: a change the receiving socket's own request made. */
export interface EventMessage {
  event: string;
  payload: unknown;
  own?: true;
}
