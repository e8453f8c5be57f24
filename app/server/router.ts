import { z } from 'zod';
import type { Action, CallContext, Controller } from '../controllers/action';
import type { ResponseMessage } from '../controllers/api';
import { TuskError } from '../models/errors/errors';
import { fromKnownError } from '../models/errors/known-errors';
import { fromZodError } from '../models/errors/validation-errors';
import { redactValue } from '../models/errors/redact';
import { redactSqlSecrets } from '../models/sql/secrets';
import { getLogger, isLevelEnabled } from '../models/logging/logging';
import { v4 as uuidv4 } from 'uuid';

const log = getLogger('router');

/**
 * Largest request the server reads, in bytes (4 MiB: a saved query of a million
 * characters fits). With the socket layer's hard cap and its limit on open sockets, this
 * bounds what the backend ever buffers for its views.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const envelope = z.object({
  id: z.union([z.string().min(1).max(200), z.number().int().safe()]),
  method: z.string().min(1).max(200),
  params: z.unknown().optional(),
});

type RequestId = string | number | null;

/**
 * Turns one raw text message into one response: validates the envelope and the params
 * (zod), calls the controller action, and maps every failure to an ErrorInfo. Never throws.
 */
export class Router {
  /**
   * Actions by full method name, in a Map built once: a lookup never walks a prototype
   * (`__proto__.toString`, `constructor.keys` are simply unknown).
   */
  readonly #actions: ReadonlyMap<string, Action>;

  constructor(controllers: Record<string, Controller>) {
    this.#actions = new Map(
      Object.entries(controllers).flatMap(([name, actions]) =>
        Object.entries(actions).map(([action, run]) => [`${name}.${action}`, run] as const),
      ),
    );
  }

  /** Every method name, sorted, e.g. `app.health`. */
  methods(): string[] {
    return [...this.#actions.keys()].sort();
  }

  /** Handles one message (UTF-8 bytes). */
  async handle(message: Buffer, context: CallContext): Promise<ResponseMessage> {
    if (message.length > MAX_MESSAGE_BYTES) {
      return fail(
        guessId(message.subarray(0, 300).toString('utf8')),
        invalid(
          `Message too large (${mb(message.length)})`,
          `Send at most ${mb(MAX_MESSAGE_BYTES)} in one message.`,
        ),
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(message.toString('utf8'));
    } catch {
      return fail(
        null,
        invalid('Message is not valid JSON', 'Send one JSON object: {"id", "method", "params"}.'),
      );
    }
    const request = envelope.safeParse(data);
    if (!request.success) {
      return fail(
        idOf(data),
        fromZodError(
          request.error,
          'Malformed request',
          'A request is {"id": string|number, "method": "controller.action", "params": {...}}.',
        ),
      );
    }
    const { id, method, params } = request.data;
    const target = this.#actions.get(method);
    if (!target) {
      return fail(
        id,
        invalid(`Unknown method "${method}"`, `Known methods: ${this.methods().join(', ')}.`),
      );
    }
    const parsed = target.params.safeParse(params);
    if (!parsed.success) {
      return fail(id, fromZodError(parsed.error, `Invalid parameters for ${method}`));
    }
    // Redacted from the parsed params, by structure: a URL password the patterns would miss
    // (quotes, spaces, a slash) is not yet known to the redaction when this line is written.
    if (isLevelEnabled('trace')) {
      log.trace(`← ${method} ${JSON.stringify(redactValue(withoutSqlSecrets(params ?? null)))}`);
    }
    try {
      return { id, result: (await target.run(parsed.data, context)) ?? null };
    } catch (error) {
      return fail(id, toTuskError(error, method));
    }
  }
}

/** A known failure as is; anything else logged with a reference and reported as internal. */
function toTuskError(error: unknown, method: string): TuskError {
  const known = fromKnownError(error);
  if (known) {
    log.debug(`${method} failed: ${known.kind}: ${known.message}`);
    return known;
  }
  const reference = uuidv4().slice(0, 8);
  log.error(`internal error in ${method} [ref ${reference}]`, error);
  return new TuskError('internal', `Something went wrong inside Tusk (ref ${reference})`, {
    hint: `Try again; if it keeps happening, report it with the log entry "ref ${reference}" from the log folder shown in the status bar.`,
  });
}

/**
 * Params whose `sql` fields have their password literals redacted (ALTER ROLE … PASSWORD
 * '…'), also nested ones: a tab's (`workspace.saveTab`) or every tab's (`workspace.save`).
 */
function withoutSqlSecrets(params: unknown, depth = 0): unknown {
  if (params === null || typeof params !== 'object' || depth > 4) return params;
  if (Array.isArray(params)) return params.map((item) => withoutSqlSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      key === 'sql' && typeof value === 'string'
        ? redactSqlSecrets(value)
        : withoutSqlSecrets(value, depth + 1),
    ]),
  );
}

function invalid(message: string, hint: string): TuskError {
  return new TuskError('validation', message, { hint });
}

function fail(id: RequestId, error: TuskError): ResponseMessage {
  return { id, error: error.toErrorInfo() };
}

function idOf(data: unknown): RequestId {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** Reads the id from the head of a message too large to parse, so the reply can name it. */
function guessId(head: string): RequestId {
  const match = /^\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){1,200}"|-?\d{1,15})/.exec(head);
  if (!match?.[1]) return null;
  try {
    return JSON.parse(match[1]) as string | number;
  } catch {
    return null;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
