import type { AppServices } from '../data/app-context';
import { followDrag } from '../shared/drag';

const RESULTS_MIN = 80;

/**
 * The splitter between a query tab's editor and its results: dragged or moved with the
 * arrow keys (Shift: by more), the results' size kept in the layout as a share of the
 * tab's height (and in px).
 */
export class ResultsSplitter {
  readonly #tab: HTMLElement;
  readonly #app: () => AppServices;

  constructor(tab: HTMLElement, app: () => AppServices) {
    this.#tab = tab;
    this.#app = app;
  }

  /** The size the results row asks for: a share of the tab, or (never resized) the stored px. */
  size(): string {
    const { resultsShare, resultsHeight } = this.#app().workspace.value.layout;
    return resultsShare ? `${(resultsShare * 100).toFixed(2)}%` : `${resultsHeight ?? 320}px`;
  }

  readonly drag = (event: PointerEvent): void => {
    const start = this.#pane();
    followDrag(event, (_dx, dy) => this.#set(start - dy));
  };

  readonly key = (e: KeyboardEvent): void => {
    const step = e.shiftKey ? 60 : 20;
    if (e.key === 'ArrowUp') this.#set(this.#pane() + step);
    else if (e.key === 'ArrowDown') this.#set(this.#pane() - step);
    else return;
    e.preventDefault();
  };

  /** The results pane's height now, px. */
  #pane(): number {
    const panel = this.#tab.shadowRoot?.querySelector('tusk-results-panel');
    return panel?.getBoundingClientRect().height ?? 0;
  }

  /** Stores a new results height as a share of the tab's height (and in px). */
  #set(px: number): void {
    const height = this.#tab.getBoundingClientRect().height;
    if (height <= 0) return;
    const max = Math.max(RESULTS_MIN, height - 120);
    const clamped = Math.round(Math.min(max, Math.max(RESULTS_MIN, px)));
    this.#app().workspace.change({
      resultsHeight: clamped,
      resultsShare: Math.min(0.95, Math.max(0.05, clamped / height)),
    });
  }
}
