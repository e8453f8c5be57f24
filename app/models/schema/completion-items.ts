import type { CompletionItem } from './schema-types';

/** At most this many items in one reply. */
export const MAX_COMPLETION_ITEMS = 200;
const CAP = MAX_COMPLETION_ITEMS;

/**
 * The items of one completion reply: only names starting with what has been typed (without
 * case), at most {@link CAP}; `sorted` puts the higher boosts first and keeps the order they
 * were added in within a boost.
 */
export class CompletionItems {
  readonly typed: string;
  readonly #prefix: string;
  readonly #items: CompletionItem[] = [];

  constructor(typed: string) {
    this.typed = typed;
    this.#prefix = typed.toLowerCase();
  }

  /** True when `label` starts with what has been typed. */
  matches(label: string): boolean {
    return this.#prefix === '' || label.toLowerCase().startsWith(this.#prefix);
  }

  /** Adds an item when its label matches; true when the list is full. */
  add(
    label: string,
    apply: string,
    kind: CompletionItem['kind'],
    detail: string,
    boost: number,
  ): boolean {
    if (this.#items.length >= CAP) return true;
    if (this.matches(label)) {
      this.#items.push({ label, apply, kind, ...(detail ? { detail } : {}), boost });
    }
    return this.#items.length >= CAP;
  }

  sorted(): CompletionItem[] {
    return this.#items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => (b.item.boost ?? 0) - (a.item.boost ?? 0) || a.i - b.i)
      .map(({ item }) => item);
  }
}
