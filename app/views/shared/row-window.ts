import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How a {@link RowWindow} measures its rows. */
export interface RowWindowOptions {
  /** Height of a row, px (as the styles draw it). */
  rowPx: number;
  /** Height of a sticky header above the rows, px (0 without one). */
  headPx: number;
  /** The scrolling element, once rendered. */
  scroller(): HTMLElement | null;
  /** Rows drawn above and below those in view (default 8). */
  overscan?: number;
  /** Rows drawn before the scroller is measured (default 48). */
  initial?: number;
}

/**
 * Draws only the rows of a long list that are in view (and a margin): the host renders
 * `slice(rows)` after `before` px of space and before `after` px, and binds `onScroll` to
 * the scroller's scroll event. Measured again when the scroller is scrolled or resized;
 * `scrollTo(index)` brings a row into view (under the header) and redraws the window.
 */
export class RowWindow implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: Required<RowWindowOptions>;
  #first = 0;
  #count: number;
  #frame = 0;
  #resize: ResizeObserver | undefined;

  constructor(host: ReactiveControllerHost, options: RowWindowOptions) {
    this.#host = host;
    this.#options = { overscan: 8, initial: 48, ...options };
    this.#count = this.#options.initial;
    host.addController(this);
  }

  /** The first row drawn and the rows drawn, of `rows` (clamped to its length). */
  slice<T>(rows: readonly T[]): { first: number; items: T[] } {
    const first = Math.min(this.#first, Math.max(rows.length - this.#count, 0));
    return { first, items: rows.slice(first, first + this.#count) };
  }

  /** Space above the rows drawn, px, for a window starting at `first`. */
  before(first: number): number {
    return first * this.#options.rowPx;
  }

  /** Space below the rows drawn, px, for a window starting at `first` of `total` rows. */
  after(first: number, total: number): number {
    return Math.max(total - first - this.#count, 0) * this.#options.rowPx;
  }

  /** Starts again at the top (new rows). */
  reset(): void {
    this.#first = 0;
    const scroller = this.#options.scroller();
    if (scroller) scroller.scrollTop = 0;
  }

  /** Scrolls row `index` into view and draws the window around it. */
  scrollTo(index: number): void {
    const scroller = this.#options.scroller();
    if (!scroller || index < 0) return;
    const { rowPx, headPx } = this.#options;
    const top = index * rowPx; // under the sticky header, whose height the rows start after
    const room = scroller.clientHeight - headPx;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowPx > scroller.scrollTop + room) scroller.scrollTop = top + rowPx - room;
    this.measure();
  }

  /** Measures the scroller again; redraws the host when the window moved or grew. */
  measure(): void {
    const scroller = this.#options.scroller();
    if (!scroller) return;
    const { rowPx, overscan } = this.#options;
    const first = Math.max(Math.floor(scroller.scrollTop / rowPx) - overscan, 0);
    const count = Math.ceil(scroller.clientHeight / rowPx) + 2 * overscan;
    if (first === this.#first && count === this.#count) return;
    this.#first = first;
    this.#count = count;
    this.#host.requestUpdate();
  }

  /** The scroller's scroll handler: measures on the next frame. */
  readonly onScroll = (): void => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.measure());
  };

  hostConnected(): void {
    this.#observe();
  }

  hostUpdated(): void {
    this.#observe();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#resize?.disconnect();
    this.#resize = undefined;
  }

  #observe(): void {
    if (this.#resize) return;
    const scroller = this.#options.scroller();
    if (!scroller) return;
    this.#resize = new ResizeObserver(() => this.measure());
    this.#resize.observe(scroller);
  }
}
