import type { z } from 'zod';
import {
  buildConnectionConfig,
  type ConnectionConfig,
  type connectionInputSchema,
} from './connection-config';
import { TuskError } from '../errors/errors';

/** A connection kept for this run only. */
interface Entry {
  config: ConnectionConfig;
  /** The `--demo` database. */
  demo: boolean;
  /** The name to use when the config's own is taken by a saved connection. */
  fallbackName: string;
}

/** An ephemeral connection as listed: its config (name made unique) and what it is. */
export interface EphemeralListing {
  config: ConnectionConfig;
  demo: boolean;
}

/**
 * Connections that exist for this run only and are never written to `tusk.db` (the
 * `--demo` database, whose port changes every run): listed with the saved ones, connected
 * like them, refused by save and delete. Their secrets go to the credential store's
 * run-only memory (`CredentialService.remember`), never the keychain.
 */
export class EphemeralConnections {
  readonly #entries = new Map<string, Entry>();

  /**
   * Adds one. `fallbackName` is used when a saved connection has the same name (compared
   * without case); then `<fallbackName> 2`, `3`… if that is taken too.
   * @throws ZodError when `input` breaks a rule of saved connections.
   */
  add(
    input: z.input<typeof connectionInputSchema>,
    options: { demo?: boolean; fallbackName?: string } = {},
  ): ConnectionConfig {
    const config = buildConnectionConfig(input);
    this.#entries.set(config.id, {
      config,
      demo: options.demo ?? false,
      fallbackName: options.fallbackName ?? `${config.name} (this run)`,
    });
    return { ...config };
  }

  /** True when `id` is one of these. */
  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /**
   * Every one, each named so that no name is used twice with `takenNames` (the saved
   * connections' names) or among themselves.
   */
  list(takenNames: readonly string[]): EphemeralListing[] {
    const taken = new Set(takenNames.map((n) => n.toLowerCase()));
    const listed: EphemeralListing[] = [];
    for (const entry of this.#entries.values()) {
      const name = freeName(entry, taken);
      taken.add(name.toLowerCase());
      listed.push({ config: { ...entry.config, name }, demo: entry.demo });
    }
    return listed;
  }

  /** The one with `id`, named as {@link list} names it; undefined for another id. */
  get(id: string, takenNames: readonly string[]): ConnectionConfig | undefined {
    return this.list(takenNames).find((l) => l.config.id === id)?.config;
  }

  /** Records a successful connect (in memory). */
  markConnected(id: string, now = new Date()): void {
    const entry = this.#entries.get(id);
    if (entry) entry.config = { ...entry.config, lastConnectedAt: now.toISOString() };
  }

  /**
   * @throws TuskError `validation` (code `EPHEMERAL_CONNECTION`) when `id` is one of these:
   *   it cannot be changed or deleted.
   */
  refuseChange(id: string, change: 'changed' | 'deleted'): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    throw new TuskError(
      'validation',
      `"${entry.config.name}" exists for this run only and cannot be ${change}`,
      {
        code: 'EPHEMERAL_CONNECTION',
        hint:
          change === 'changed'
            ? 'Save a copy of it as a new connection (without its id) to keep one you can change.'
            : 'It goes away by itself when Tusk stops; disconnect it to close its sessions.',
      },
    );
  }
}

function freeName(entry: Entry, taken: Set<string>): string {
  const own = entry.config.name;
  if (!taken.has(own.toLowerCase())) return own;
  if (!taken.has(entry.fallbackName.toLowerCase())) return entry.fallbackName;
  for (let n = 2; ; n++) {
    const name = `${entry.fallbackName} ${n}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
