import type { z } from 'zod';
import type { EventName, ServerEvents } from './events';

/** What an action knows about the call besides its params. */
export interface CallContext {
  /** Identifies the socket that sent the request. */
  clientId: string;
  /** Pushes `{event, payload}` to that socket only. */
  emit(event: string, payload: unknown): void;
  /**
   * Pushes a change this call made to every open socket, so every page stays current; the
   * caller's copy carries `own: true` (its page made the change and may have it already).
   */
  broadcast<E extends EventName>(event: E, payload: ServerEvents[E]): void;
}

/** One controller action: its params schema and what it does with valid params. */
export interface Action<S extends z.ZodType = z.ZodType, R = unknown> {
  params: S;
  run(params: z.output<S>, context: CallContext): R | Promise<R>;
}

/** A controller: actions by name (`connections` + `save` = method `connections.save`). */
export type Controller = Record<string, Action>;

/** Declares an action; a helper so `run` gets its params typed from the schema. */
export function action<S extends z.ZodType, R>(
  params: S,
  run: (params: z.output<S>, context: CallContext) => R | Promise<R>,
): Action<S, R> {
  return { params, run };
}
