import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The one way to open a dialog (Home Assistant's `show-dialog` event and dialog manager):
 * a component calls {@link showDialog} with the dialog's tag and what it asks; the
 * {@link DialogHost} of the shell mounts that dialog, calls its `show(params)`, and removes
 * it once it answered and closed. Every dialog is a {@link HostedDialog} listed in
 * {@link TuskDialogs} by its module.
 */

declare global {
  /**
   * Every dialog by tag: what it is asked (`params`) and what it answers (`answer`). Each
   * dialog's module adds its own entry, as with `HTMLElementTagNameMap`:
   * `'tusk-confirm-dialog': { params: ConfirmRequest; answer: ConfirmAnswer }`.
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface TuskDialogs {}
}

/** A dialog's tag. */
export type DialogTag = keyof TuskDialogs & `tusk-${string}`;

/**
 * What a dialog element offers its host: `show(params)` opens it and resolves with its
 * answer once the user answered or closed it (a dialog that answers nothing resolves
 * with undefined when it closes). Called again while open, it is the dialog's choice: a
 * form keeps what is being edited, a question answers the older ask as cancelled and asks
 * the newer one.
 */
export interface HostedDialog<P = unknown, A = unknown> extends HTMLElement {
  show(params: P): Promise<A>;
  readonly updateComplete?: Promise<boolean>;
}

/**
 * The answer of a dialog's current opening: what its `show` returns, settled once (when
 * the user answers, or when the dialog closes).
 */
export class DialogAnswer<A> {
  #promise: Promise<A> | null = null;
  #resolve: ((answer: A) => void) | null = null;

  /** True while an opening awaits its answer. */
  get pending(): boolean {
    return this.#promise !== null;
  }

  /** The current opening's answer (a new opening when none is pending). */
  wait(): Promise<A> {
    this.#promise ??= new Promise<A>((resolve) => (this.#resolve = resolve));
    return this.#promise;
  }

  /** Answers the current opening with `answer`; nothing when none is pending. */
  settle(answer: A): void {
    const resolve = this.#resolve;
    this.#promise = null;
    this.#resolve = null;
    resolve?.(answer);
  }
}

/** Asks the nearest {@link DialogHost} for a dialog (fired by {@link showDialog}). */
export class ShowDialogEvent extends Event {
  static readonly eventName = 'tusk-show-dialog' as const;
  readonly dialog: DialogTag;
  readonly params: unknown;
  /** The dialog's answer, set by the host that opened it. */
  answer: Promise<unknown> | null = null;
  constructor(dialog: DialogTag, params: unknown) {
    super(ShowDialogEvent.eventName, { bubbles: true, composed: true });
    this.dialog = dialog;
    this.params = params;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [ShowDialogEvent.eventName]: ShowDialogEvent;
  }
}

/**
 * Opens the dialog `dialog` (its module must be loaded) asking `params`, from `origin`
 * (the component that asks; its shell's host mounts the dialog, where the dialog reaches
 * the shell's stores). A component used outside the shell (a test page) gets the dialog
 * in the page's body. Resolves with the dialog's answer; rejects when the dialog's module
 * is not loaded.
 */
export function showDialog<T extends DialogTag>(
  origin: Element,
  dialog: T,
  params: TuskDialogs[T]['params'],
): Promise<TuskDialogs[T]['answer']> {
  const event = new ShowDialogEvent(dialog, params);
  origin.dispatchEvent(event);
  const answer = event.answer ?? mount(origin.ownerDocument.body, new Map(), dialog, params);
  return answer as Promise<TuskDialogs[T]['answer']>;
}

/** The open dialogs of one host, by tag. */
type OpenDialogs = Map<string, { element: HostedDialog; latest: Promise<unknown> | null }>;

/**
 * The shell's dialog manager: answers every {@link ShowDialogEvent} fired inside its host
 * (the host's own shadow tree included) by mounting the dialog in the host's render root.
 * While a dialog is open, a second request for it goes to the same element; the element
 * is removed once its latest `show` settled.
 */
export class DialogHost implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement & { renderRoot?: ParentNode };
  readonly #open: OpenDialogs = new Map();

  constructor(host: ReactiveControllerHost & HTMLElement & { renderRoot?: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener(ShowDialogEvent.eventName, this.#onShow);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener(ShowDialogEvent.eventName, this.#onShow);
  }

  readonly #onShow = (event: ShowDialogEvent) => {
    event.stopPropagation();
    event.answer = mount(
      this.#host.renderRoot ?? this.#host,
      this.#open,
      event.dialog,
      event.params,
    );
  };
}

async function mount(
  container: ParentNode,
  open: OpenDialogs,
  tag: string,
  params: unknown,
): Promise<unknown> {
  let entry = open.get(tag);
  if (!entry) {
    if (!customElements.get(tag)) throw new Error(`The dialog <${tag}> is not loaded`);
    entry = { element: document.createElement(tag) as HostedDialog, latest: null };
    open.set(tag, entry);
    container.append(entry.element);
  }
  const current = entry;
  await current.element.updateComplete;
  const answer = current.element.show(params);
  current.latest = answer;
  const settled = () => {
    if (open.get(tag) !== current || current.latest !== answer) return;
    open.delete(tag);
    current.element.remove();
  };
  answer.then(settled, settled);
  return answer;
}
