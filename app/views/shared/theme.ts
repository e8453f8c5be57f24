import type { ThemeChoice } from '../../common/preference-limits';

/** The theme preference: light, dark, or the OS's ("system"). */
export type { ThemeChoice };

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Applies a theme to the page: the class `wa-light` or `wa-dark` on `<html>` (Web
 * Awesome's and Tusk's tokens switch on it). "system" follows the OS, live: a change of
 * the OS's setting applies at once. Returns the function that stops following it.
 */
export function applyTheme(choice: ThemeChoice, root = document.documentElement): () => void {
  const media = window.matchMedia(DARK_QUERY);
  const apply = () => {
    const dark = choice === 'dark' || (choice === 'system' && media.matches);
    root.classList.toggle('wa-dark', dark);
    root.classList.toggle('wa-light', !dark);
    root.dataset['theme'] = dark ? 'dark' : 'light';
  };
  apply();
  if (choice !== 'system') return () => undefined;
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}
