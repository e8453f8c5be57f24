import type { Methods } from '../../controllers/api';
import type { TuskClient } from '../client';

/** What `schema.complete` takes: the editor's text, the cursor (UTF-16), the tab. */
export type CompleteParams = Methods['schema.complete']['params'];
/** `schema.complete`'s reply: the range replaced and the items. */
export type CompleteReply = Methods['schema.complete']['result'];
/** What `schema.at` takes. */
export type SymbolParams = Methods['schema.at']['params'];
/** `schema.at`'s reply: the object (and column) named there, or null. */
export type SymbolReply = Methods['schema.at']['result'];

/**
 * The editor's way to the backend's completion and hover (`schema.complete`,
 * `schema.at`): answered from the connection's catalog in memory, so asking at each
 * keystroke is cheap. Holds no state: the editor drops replies for text it no longer has.
 */
export class SchemaCompletionStore {
  readonly #client: TuskClient;

  constructor(client: TuskClient) {
    this.#client = client;
  }

  /** Rejects with the backend's error (a connection not open, a catalog that failed to load). */
  complete(params: CompleteParams): Promise<CompleteReply> {
    return this.#client.call('schema.complete', params);
  }

  /** Rejects with the backend's error. */
  at(params: SymbolParams): Promise<SymbolReply> {
    return this.#client.call('schema.at', params);
  }
}
