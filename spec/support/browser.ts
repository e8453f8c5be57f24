import { chromium, type Browser, type Page } from 'playwright-core';
import type { BackendOptions } from '../../app/server/backend';
import { startTestBackend, type TestBackend } from './backend';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launches headless Chromium with the flags this machine needs; close it with `close()`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Chromium with one page, a backend for it, and the page's script errors and CSP reports. */
export interface ShellSession {
  browser: Browser;
  backend: TestBackend;
  page: Page;
  /** Uncaught page errors and console errors (CSP violations are reported there). */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Starts a test backend (with `options`, e.g. a `demo` connection) and Chromium with a
 * fresh page that records its problems.
 */
export async function startShellSession(options: BackendOptions = {}): Promise<ShellSession> {
  const [browser, backend] = await Promise.all([launchChromium(), startTestBackend(options)]);
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return {
    browser,
    backend,
    page,
    problems,
    async close() {
      await browser.close();
      await backend.stop();
    },
  };
}
