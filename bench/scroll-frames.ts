// Shared by the scrolling benches (grid.ts, schema-page.ts): one scroll run in the page,
// frame by frame, with what each frame cost.

import type { Page } from 'playwright-core';

/** What one scroll run measured. */
export interface FrameRun {
  /** Intervals between animation frames, ms (vsync is 16.7 ms). */
  intervals: number[];
  /** The main thread's work per frame: from its callback to a task after it painted, ms. */
  work: number[];
  /** The longest long task (> 50 ms) seen, ms; 0 when none. */
  longest: number;
  frames: number;
  /** Each long task: [start after the run began, duration, frame], ms. */
  tasks: number[][];
}

/**
 * Scrolls the element at `path` (CSS selectors, each one inside the previous one's shadow
 * root: `['tusk-result-grid', '.grid']`) frame by frame and measures each frame:
 * - `drag`: from the top to the bottom in 600 frames (a scrollbar dragged over ~10 s);
 * - `wheel`: from the middle, 400 wheel events of 66 px (a mouse wheel's notches), for an
 *   element that scrolls itself on wheel events (synthetic ones scroll nothing natively);
 * - `steps`: from the middle, 400 steps of 66 px set on `scrollTop` (what a wheel does to a
 *   natively scrolled element).
 */
export function scrollFrames(
  page: Page,
  path: string[],
  action: 'drag' | 'wheel' | 'steps',
): Promise<FrameRun> {
  return page.evaluate(
    async ({ action, path }) => {
      let el: Element | null = document.querySelector(path[0]!);
      for (const step of path.slice(1)) el = el?.shadowRoot?.querySelector(step) ?? null;
      if (!el) throw new Error(`nothing at ${path.join(' » ')}`);
      const scroller = el as HTMLElement;
      let longest = 0;
      const t0 = performance.now();
      const tasks: number[][] = [];
      let frame = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          longest = Math.max(longest, entry.duration);
          tasks.push([Math.round(entry.startTime - t0), Math.round(entry.duration), frame]);
        }
      });
      observer.observe({ type: 'longtask' });
      const intervals: number[] = [];
      const work: number[] = [];
      const channel = new MessageChannel();
      let frameStart = 0;
      channel.port1.onmessage = () => work.push(performance.now() - frameStart);
      let last = 0;
      const step = (at: number): boolean => {
        const max = scroller.scrollHeight - scroller.clientHeight;
        if (action === 'drag') {
          scroller.scrollTop = Math.round(max * Math.min(1, (at + 1) / 600));
          return at >= 600;
        }
        if (at === 0) scroller.scrollTop = max / 2;
        if (at < 3) return false;
        if (action === 'steps') scroller.scrollTop += 66;
        else
          scroller.dispatchEvent(
            new WheelEvent('wheel', { deltaY: 66, bubbles: true, cancelable: true }),
          );
        return at >= 403;
      };
      await new Promise<void>((resolve) => {
        const tick = (now: number) => {
          if (last) intervals.push(now - last);
          last = now;
          frameStart = performance.now();
          const done = step(frame++);
          // A task after this frame's style, layout and paint.
          channel.port2.postMessage(0);
          if (done) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await new Promise((r) => setTimeout(r, 300));
      observer.disconnect();
      return { intervals, work, longest, frames: frame, tasks };
    },
    { action, path },
  );
}
