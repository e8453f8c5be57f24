/** The parts of a key press that are played again once a cell's editor is open. */
type QueuedKey = Pick<
  KeyboardEventInit,
  'key' | 'code' | 'ctrlKey' | 'shiftKey' | 'metaKey' | 'altKey' | 'location' | 'repeat'
>;

/**
 * The keys pressed while a cell's editor is being opened (a cut cell's whole value still on
 * its way from the backend): the characters typed before any other key go into the
 * editor's text; every other key (Enter, Tab, Escape, Ctrl+A, Ctrl+Enter…) and what follows
 * it is kept, in order, and pressed again where the focus is once the editor is open, or
 * on the grid when it did not open. A fast typist's "F2, Ctrl+A, mine, Enter, Ctrl+Enter"
 * then does what it would have done had the editor opened at once.
 */
export class KeyQueue {
  /** Characters typed first: the editor starts with them after its value. */
  extra = '';
  readonly #keys: QueuedKey[] = [];

  /** Takes `event` into the queue (the caller stops it). */
  take(event: KeyboardEvent): void {
    const ctrl = event.ctrlKey || event.metaKey;
    if (this.#keys.length === 0 && event.key.length === 1 && !ctrl && !event.altKey) {
      this.extra += event.key;
      return;
    }
    const { key, code, ctrlKey, shiftKey, metaKey, altKey, location, repeat } = event;
    this.#keys.push({ key, code, ctrlKey, shiftKey, metaKey, altKey, location, repeat });
  }

  /**
   * Presses the kept keys again, one after the other, on the element that has the focus
   * then (looked up through shadow roots, so it is the editor's field once it is open),
   * each after `settle()` (the editor drawn and focused, or the last key's work done).
   */
  async replay(settle: () => Promise<unknown>): Promise<void> {
    for (const key of this.#keys.splice(0)) {
      await settle();
      const target = deepFocus();
      if (!target) return;
      const init = { ...key, bubbles: true, composed: true, cancelable: true };
      const event = new KeyboardEvent('keydown', init);
      // A key played again does no typing of its own: a text field gets its text here.
      if (target.dispatchEvent(event) && isTextField(target)) typeInto(target, key);
    }
  }
}

function isTextField(at: Element): at is HTMLInputElement | HTMLTextAreaElement {
  return (
    at instanceof HTMLTextAreaElement || (at instanceof HTMLInputElement && at.type === 'text')
  );
}

/**
 * What `key` does to a text field when nothing handled it: a character, a new line (a
 * multi-line field), Backspace and Delete, select all.
 */
function typeInto(field: HTMLInputElement | HTMLTextAreaElement, key: QueuedKey): void {
  const ctrl = key.ctrlKey || key.metaKey;
  if (ctrl && key.key?.toLowerCase() === 'a' && !key.altKey) return field.select();
  if (ctrl || key.altKey) return;
  let start = field.selectionStart ?? field.value.length;
  let end = field.selectionEnd ?? start;
  const erase = key.key === 'Backspace' || key.key === 'Delete';
  if (erase && start === end) {
    if (key.key === 'Backspace') start = Math.max(0, start - 1);
    else end = Math.min(field.value.length, end + 1);
  }
  const text = erase
    ? ''
    : key.key === 'Enter' && field instanceof HTMLTextAreaElement
      ? '\n'
      : key.key;
  if (text === undefined || text.length > 1) return;
  field.setRangeText(text, start, end, 'end');
  const inputType = erase ? 'deleteContent' : 'insertText';
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType }));
}

/** The element with the focus, inside open shadow roots. */
function deepFocus(): Element | null {
  let at: Element | null = document.activeElement;
  while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
  return at;
}
