import { css, html, LitElement } from 'lit';
import { RowGeometry } from './grid-geometry';
import type { TextLines } from './text-lines';

/** Height of a line, px. */
const LINE_HEIGHT = 18;

/**
 * Lines of a long value in a scroll area, drawn only where they are in view (as text), so
 * any size opens at once. Selectable; the viewer's "Copy value" copies the whole value.
 */
export class TuskTextView extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 0;
    }
    .scroller {
      height: 100%;
      overflow: auto;
      position: relative;
      background: var(--tusk-bg);
      border: 1px solid var(--tusk-border);
      border-radius: var(--tusk-radius);
    }
    .scroller:focus-visible {
      outline: 2px solid var(--tusk-focus);
      outline-offset: -2px;
    }
    .spacer {
      position: relative;
      overflow: clip;
    }
    .lines {
      position: absolute;
      left: 0;
      top: 0;
      padding: 0 8px;
      font: 12px / ${LINE_HEIGHT}px var(--tusk-font-code);
      color: var(--tusk-text);
      white-space: pre;
      user-select: text;
    }
  `;

  static override properties = { lines: { attribute: false } };
  declare lines: TextLines | null;
  #frame = 0;

  constructor() {
    super();
    this.lines = null;
  }

  override render() {
    return html`<div class="scroller" tabindex="0" role="document" @scroll=${() => this.#draw()}>
      <div class="spacer"><div class="lines"></div></div>
    </div>`;
  }

  override updated(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller')!;
    scroller.scrollTop = 0;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#draw());
  }

  /** Scrolls to the last line (End). */
  scrollToEnd(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
    this.#draw();
  }

  #draw(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const spacer = this.renderRoot.querySelector<HTMLElement>('.spacer');
    const box = this.renderRoot.querySelector<HTMLElement>('.lines');
    if (!scroller || !spacer || !box || !this.lines) return;
    const geometry = new RowGeometry(this.lines.count, scroller.clientHeight, LINE_HEIGHT);
    spacer.style.height = `${geometry.scrollHeight}px`;
    const { first, count, offset } = geometry.window(geometry.realFor(scroller.scrollTop));
    const text: string[] = [];
    for (let i = first; i < first + count; i++) text.push(this.lines.line(i));
    box.textContent = text.join('\n');
    box.style.transform = `translateY(${scroller.scrollTop + offset}px)`;
    spacer.style.width = `${Math.max(box.scrollWidth, scroller.clientWidth - 2)}px`;
  }
}

customElements.define('tusk-text-view', TuskTextView);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-text-view': TuskTextView;
  }
}
