import { randomBytes } from 'node:crypto';
import { fromKeychainError } from '../errors/credential-errors';
import type { ErrorInfo } from '../errors/error-info';
import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';
import { forgetSecret, rememberSecret } from '../errors/redact';

const log = getLogger('credentials');

/** The keychain service every Tusk secret is filed under. */
export const KEYCHAIN_SERVICE = 'dev.tusk.Tusk';

/** The kinds of secret a connection can have: its password, its SSH password, its SSH key's passphrase. */
export const SECRET_KINDS = ['db', 'ssh', 'ssh_key'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Where secrets are kept now. */
export interface CredentialStatus {
  store: 'keychain' | 'session';
  /** Why the keychain is not used (session store only). */
  problem?: ErrorInfo;
}

/** The part of keytar Tusk uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Options of {@link CredentialService.start}. */
export interface CredentialOptions {
  /** keytar itself (default: loaded if it was built; a test can pass null for "not built"). */
  keytar?: KeytarLike | null;
  /** The keychain service name (tests use their own). */
  service?: string;
  /** How long the start-up probe may take before the keychain counts as unavailable. */
  probeTimeoutMs?: number;
}

/**
 * Passwords and passphrases, by connection id and kind, in the OS keychain (keytar; account
 * `<kind>:<connection id>`), or — when the keychain cannot be used — in memory for this
 * session only. Calls to the keychain run one at a time. Every secret it handles is
 * remembered for redaction; none is ever logged.
 */
export class CredentialService {
  readonly #keytar: KeytarLike | null;
  readonly #service: string;
  readonly #session = new Map<string, string>();
  /** Secrets kept for this run only whatever the store (connections that are not saved). */
  readonly #runOnly = new Map<string, string>();
  /** Which keychain accounts exist, as far as this process knows. */
  readonly #known = new Map<string, boolean>();
  readonly #status: CredentialStatus;

  private constructor(keytar: KeytarLike | null, service: string, status: CredentialStatus) {
    this.#keytar = keytar;
    this.#service = service;
    this.#status = status;
  }

  /**
   * Loads keytar and probes the keychain (writes and deletes a random entry). Never throws:
   * when keytar is not built, D-Bus or the Secret Service is missing, or the keyring is
   * locked, it starts with the session store and says why in {@link status}.
   */
  static async start(options: CredentialOptions = {}): Promise<CredentialService> {
    const service = options.service ?? KEYCHAIN_SERVICE;
    const keytar = options.keytar === undefined ? await loadKeytar() : options.keytar;
    if (!keytar) {
      return new CredentialService(null, service, {
        store: 'session',
        problem: fromKeychainError(new Error('Cannot find module keytar.node')).toErrorInfo(),
      });
    }
    try {
      const probing = keychainQueue.then(() => probe(keytar, service));
      keychainQueue = probing.catch(() => undefined);
      await withTimeout(probing, options.probeTimeoutMs ?? 5000);
      return new CredentialService(keytar, service, { store: 'keychain' });
    } catch (error) {
      const problem = fromKeychainError(error).toErrorInfo();
      log.warn(`keychain unavailable, passwords kept for this session only: ${problem.message}`);
      return new CredentialService(null, service, { store: 'session', problem });
    }
  }

  /** Where secrets go, and why not the keychain when they do not. */
  status(): CredentialStatus {
    return { ...this.#status };
  }

  /** Stores a secret. @throws TuskError `credential` when the keychain fails. */
  async set(kind: SecretKind, connectionId: string, secret: string): Promise<void> {
    rememberSecret(secret);
    const account = accountOf(kind, connectionId);
    if (!this.#keytar) {
      this.#session.set(account, secret);
      return;
    }
    await this.#call('store the password in the keychain', (k) =>
      k.setPassword(this.#service, account, secret),
    );
    this.#known.set(account, true);
  }

  /**
   * Keeps a secret in memory for this run only, even when the keychain is in use: the
   * password of a connection that is never saved (the `--demo` one). {@link get} and
   * {@link stored} see it; nothing is written to the keychain. Never throws.
   */
  remember(kind: SecretKind, connectionId: string, secret: string): void {
    rememberSecret(secret);
    this.#runOnly.set(accountOf(kind, connectionId), secret);
  }

  /** The stored secret, or null. @throws TuskError `credential` when the keychain fails. */
  async get(kind: SecretKind, connectionId: string): Promise<string | null> {
    const account = accountOf(kind, connectionId);
    const kept = this.#runOnly.get(account);
    if (kept !== undefined) return kept;
    const secret = this.#keytar
      ? await this.#call('read the password from the keychain', (k) =>
          k.getPassword(this.#service, account),
        )
      : (this.#session.get(account) ?? null);
    if (secret !== null) rememberSecret(secret);
    return secret;
  }

  /** Removes a secret; false when there was none. */
  async delete(kind: SecretKind, connectionId: string): Promise<boolean> {
    const account = accountOf(kind, connectionId);
    const kept = this.#runOnly.get(account);
    if (kept !== undefined) {
      forgetSecret(kept);
      return this.#runOnly.delete(account);
    }
    if (!this.#keytar) {
      const secret = this.#session.get(account);
      if (secret !== undefined) forgetSecret(secret);
      return this.#session.delete(account);
    }
    const deleted = await this.#call('delete the password from the keychain', (k) =>
      k.deletePassword(this.#service, account),
    );
    this.#known.set(account, false);
    return deleted;
  }

  /** Removes every secret of a connection (when it is deleted). */
  async deleteAll(connectionId: string): Promise<void> {
    for (const kind of SECRET_KINDS) await this.delete(kind, connectionId);
  }

  /**
   * The kinds of secret stored for each of `connectionIds`. Asks the keychain once per
   * account and remembers the answer (kept up to date by set and delete). keytar's
   * findCredentials is not used: it crashes the process (strdup of NULL) when an item's
   * secret is not loaded, e.g. while another program writes to the keyring.
   */
  async stored(connectionIds: string[]): Promise<Map<string, SecretKind[]>> {
    const byId = new Map<string, SecretKind[]>();
    for (const id of connectionIds) {
      const kinds: SecretKind[] = [];
      for (const kind of SECRET_KINDS) if (await this.#has(kind, id)) kinds.push(kind);
      byId.set(id, kinds);
    }
    return byId;
  }

  async #has(kind: SecretKind, connectionId: string): Promise<boolean> {
    const account = accountOf(kind, connectionId);
    if (this.#runOnly.has(account)) return true;
    if (!this.#keytar) return this.#session.has(account);
    const known = this.#known.get(account);
    if (known !== undefined) return known;
    const present = (await this.get(kind, connectionId)) !== null;
    this.#known.set(account, present);
    return present;
  }

  /** Runs keychain calls one at a time (process-wide); maps failures to `credential` errors. */
  #call<T>(action: string, run: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    const result = keychainQueue.then(() => run(this.#keytar!));
    keychainQueue = result.catch(() => undefined);
    return result.catch((error: unknown) => {
      throw fromKeychainError(error, action);
    });
  }
}

/** keytar runs each call on a libuv thread; libsecret is not safe to call from two at once. */
let keychainQueue: Promise<unknown> = Promise.resolve();

function accountOf(kind: SecretKind, connectionId: string): string {
  return `${kind}:${connectionId}`;
}

/** keytar is optional (it needs libsecret to build): loaded here, not imported at the top. */
async function loadKeytar(): Promise<KeytarLike | null> {
  try {
    // required, not imported, so that a keytar that did not build leaves Tusk running.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('keytar') as KeytarLike & { default?: KeytarLike };
    return module.default ?? module;
  } catch (error) {
    log.warn(`keytar is not available: ${(error as Error).message}`);
    return null;
  }
}

async function probe(keytar: KeytarLike, service: string): Promise<void> {
  const account = `probe:${randomBytes(6).toString('hex')}`;
  await keytar.setPassword(service, account, randomBytes(12).toString('hex'));
  await keytar.deletePassword(service, account);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new TuskError(
            'credential',
            `The keychain did not answer within ${ms / 1000} s (is it locked?)`,
          ),
        ),
      ms,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}
