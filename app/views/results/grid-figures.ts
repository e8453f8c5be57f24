import type { SelectionModel } from './grid-selection';
import type { GridSource } from './grid-source';
import { figuresOf, type SelectionFigures } from './grid-stats';

/** How long the selection rests before its figures are made. */
const FIGURES_DELAY_MS = 120;

/**
 * Makes the selection's figures a moment after it stopped changing (a newer selection
 * drops the older one's), and hands them to `done`.
 */
export class FiguresTimer {
  readonly #done: (figures: SelectionFigures) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #run = 0;

  constructor(done: (figures: SelectionFigures) => void) {
    this.#done = done;
  }

  /** Makes the figures of `selection` over `source` after the delay. */
  schedule(source: () => GridSource | null, selection: SelectionModel): void {
    clearTimeout(this.#timer);
    const run = ++this.#run;
    this.#timer = setTimeout(() => void this.#make(run, source(), selection), FIGURES_DELAY_MS);
  }

  /** Drops the figures on their way. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#run += 1;
  }

  async #make(run: number, source: GridSource | null, selection: SelectionModel): Promise<void> {
    const current = () => run === this.#run;
    if (!source) return;
    const rect = selection.rect(source.rowCount, source.columns.length);
    const figures = await figuresOf(source, rect, current).catch(() => null);
    if (figures && current()) this.#done(figures);
  }
}
