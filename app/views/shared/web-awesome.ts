/**
 * The Web Awesome components the views use (each imported alone, so the bundle holds only
 * these) and its icon libraries pointed at the icons Tusk serves under `assets/icons/`:
 * `default` is the codicons of `icons.json`, `system` the icons inside Web Awesome's own
 * components, written as files by the build (the CSP forbids fetching `data:` addresses).
 */
import '@awesome.me/webawesome/dist/components/badge/badge.js';
import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/callout/callout.js';
import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import '@awesome.me/webawesome/dist/components/divider/divider.js';
import '@awesome.me/webawesome/dist/components/dropdown/dropdown.js';
import '@awesome.me/webawesome/dist/components/dropdown-item/dropdown-item.js';
import '@awesome.me/webawesome/dist/components/icon/icon.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/number-input/number-input.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/radio/radio.js';
import '@awesome.me/webawesome/dist/components/radio-group/radio-group.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import '@awesome.me/webawesome/dist/components/spinner/spinner.js';
import '@awesome.me/webawesome/dist/components/switch/switch.js';
import '@awesome.me/webawesome/dist/components/tooltip/tooltip.js';
import { registerIconLibrary } from '@awesome.me/webawesome/dist/components/icon/library.js';

/** Where an icon file is, relative to the page (`/<token>/`). */
function iconUrl(file: string): string {
  return new URL(`assets/icons/${file}.svg`, document.baseURI).href;
}

registerIconLibrary('default', {
  resolver: (name: string) => iconUrl(name),
  mutator: (svg: SVGElement) => svg.setAttribute('fill', 'currentColor'),
});
registerIconLibrary('system', {
  resolver: (name: string, _family?: string, variant = 'solid') =>
    iconUrl(`system-${variant === 'regular' ? 'regular' : 'solid'}-${name}`),
  mutator: (svg: SVGElement) => {
    if (!svg.hasAttribute('fill')) svg.setAttribute('fill', 'currentColor');
  },
});
