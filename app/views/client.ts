import type { ErrorInfo, Methods, RequestMessage, ServerEvents } from '../controllers/api';

/** Where the socket to the backend stands. */
export interface ConnectionState {
  status: 'connecting' | 'open' | 'reconnecting';
  /** Failed attempts since the socket was last open. */
  attempt: number;
  /** When reconnecting: milliseconds until the next attempt. */
  retryInMs?: number;
  /** Why the socket closed, in words for the status bar. */
  reason?: string;
}

/** A request that failed: carries the backend's ErrorInfo. */
export class RequestError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.info = info;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: RequestError): void;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];

type Listener = (payload: unknown, own: boolean) => void;

/**
 * The views' only way to the controllers: JSON requests over one WebSocket, with typed
 * methods and events. Reconnects by itself with backoff; requests made while the socket
 * is down wait for it; requests in flight when it drops fail with a `connection` error.
 * Dispatches `state` (a CustomEvent<ConnectionState>) when the socket's state changes.
 */
export class TuskClient extends EventTarget {
  readonly #url: string;
  #socket: WebSocket | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #queue: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #state: ConnectionState = { status: 'connecting', attempt: 0 };
  readonly #listeners = new Map<string, Set<Listener>>();

  /** `url` is the socket's address with its token, e.g. from {@link socketUrlFromPage}. */
  constructor(url: string) {
    super();
    this.#url = url;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** Opens the socket (again, at once, when reconnecting). */
  connect(): void {
    clearTimeout(this.#timer);
    this.#socket?.close();
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.#setState({ status: 'open', attempt: 0 });
      for (const text of this.#queue.splice(0)) socket.send(text);
    });
    socket.addEventListener('message', (event) => this.#receive(String(event.data)));
    socket.addEventListener('close', (event) => {
      if (this.#socket !== socket) return;
      this.#failPending();
      const attempt = opened ? 1 : this.#state.attempt + 1;
      const retryInMs = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)] ?? 5000;
      const reason = opened
        ? `Lost the connection to the Tusk backend${event.reason ? ` (${event.reason})` : ''}`
        : attempt >= 3
          ? 'Cannot reach the Tusk backend. If you restarted Tusk, open the new address it printed.'
          : 'Cannot reach the Tusk backend';
      this.#setState({ status: 'reconnecting', attempt, retryInMs, reason });
      this.#timer = setTimeout(() => this.connect(), retryInMs);
    });
  }

  /** Calls a controller action; rejects with {@link RequestError}. */
  call<M extends keyof Methods>(
    method: M,
    params: Methods[M]['params'],
  ): Promise<Methods[M]['result']> {
    const id = this.#nextId++;
    const request: RequestMessage = { id, method, params };
    const text = JSON.stringify(request);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(text);
      else this.#queue.push(text);
    });
  }

  /**
   * Listens to a server event; returns the function that stops listening. `own` is true for
   * a change this page's own request made (its store may have it already).
   */
  on<E extends keyof ServerEvents>(
    event: E,
    listener: (payload: ServerEvents[E], own: boolean) => void,
  ): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    this.#listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  #receive(text: string): void {
    let message: {
      id?: number;
      result?: unknown;
      error?: ErrorInfo;
      event?: string;
      payload?: unknown;
      own?: boolean;
    };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.event === 'string') {
      const own = message.own === true;
      for (const listener of this.#listeners.get(message.event) ?? []) {
        listener(message.payload, own);
      }
      return;
    }
    const pending = message.id === undefined ? undefined : this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id as number);
    if (message.error) pending.reject(new RequestError(message.error));
    else pending.resolve(message.result);
  }

  #failPending(): void {
    const info: ErrorInfo = {
      kind: 'connection',
      message: 'The connection to the Tusk backend dropped before the answer came',
      hint: 'Tusk reconnects by itself; try again in a moment.',
    };
    for (const pending of this.#pending.values()) pending.reject(new RequestError(info));
    this.#pending.clear();
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    this.dispatchEvent(new CustomEvent<ConnectionState>('state', { detail: state }));
  }
}

/**
 * The socket address for the page this runs in: same host, under the page's capability
 * path (`/<token>/` → `/<token>/ws`).
 */
export function socketUrlFromPage(location: Location): string {
  const token = location.pathname.split('/')[1] ?? '';
  return `ws://${location.host}/${encodeURIComponent(token)}/ws`;
}
