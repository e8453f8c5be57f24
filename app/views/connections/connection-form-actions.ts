/**
 * What the connection dialog's "Test connection" and "Connect" do with the backend, apart
 * from the dialog's own state: which form of `connections.test` fits the form, and how a
 * connect replaces an open connection whose settings changed.
 */
import type { AppServices } from '../data/app-context';
import type { LiveStatus, SavedConnection } from '../data/connections-store';
import { runWithPrompts } from './connect-flow';
import {
  isChanged,
  sameRoute,
  toTestParams,
  typedSecrets,
  type ConnectionForm,
} from './connection-form-model';
import type { TestResult } from './connection-form-outcome';

/** What an action needs from the dialog. */
export interface FormActionContext {
  /** Who asks for the host key prompt (the dialog; its dialog host opens the prompt). */
  host: HTMLElement;
  services: AppServices;
  form: ConnectionForm;
  /** The saved connection the form edits, if any. */
  saved: SavedConnection | undefined;
  /** Saves the form; null when nothing was saved (the dialog shows why). */
  persist(): Promise<SavedConnection | null>;
}

/**
 * "Test connection":
 * - with an SSH tunnel, through the saved connection (`connections.test {id}` with the
 *   typed secrets): the form is saved first when it is new or changed, since only a saved
 *   connection can have a tunnel; the host key is asked for on first use;
 * - without, and editing a connection whose route is unchanged with no password typed, the
 *   saved connection with its stored password;
 * - else the form's fields (`connections.test` with host, port…).
 * @returns what the server said; null when the host key was not trusted; undefined when
 *   the form could not be saved.
 * @throws RequestError for a failed test.
 */
export async function testForm(ctx: FormActionContext): Promise<TestResult | null | undefined> {
  const { services, form, saved } = ctx;
  const typed = typedSecrets(form);
  if (form.ssh) {
    const stored =
      saved && !saved.ephemeral && !isChanged(form, saved) ? saved : await ctx.persist();
    if (!stored) return undefined;
    return runWithPrompts(
      ctx.host,
      stored,
      (secrets) => services.connections.test({ id: stored.id, ...typed, ...secrets }),
      { inline: true },
    );
  }
  if (saved && !typed.password && sameRoute(form, saved))
    return services.connections.test({ id: saved.id });
  return services.connections.test(toTestParams(form));
}

/**
 * "Connect": saves the form, then connects with the typed secrets (an open connection
 * whose settings changed is disconnected first; an unchanged one is left as it is).
 * @returns the status; null when the host key was not trusted; undefined when the form
 *   could not be saved.
 * @throws RequestError for a failed connect (or a disconnect refused by an open transaction).
 */
export async function connectForm(ctx: FormActionContext): Promise<LiveStatus | null | undefined> {
  const { services, form, saved: before } = ctx;
  const changed = !before || isChanged(form, before);
  const saved = await ctx.persist();
  if (!saved) return undefined;
  const live = services.connections.value.live[saved.id];
  if (live && !changed) return live;
  if (live) await services.connections.disconnect(saved.id);
  return runWithPrompts(
    ctx.host,
    saved,
    (secrets) => services.connections.connect(saved.id, { ...typedSecrets(form), ...secrets }),
    { inline: true },
  );
}
