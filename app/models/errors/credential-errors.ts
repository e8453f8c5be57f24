import { isErrorLike, TuskError } from './errors';

/** Why the OS keychain failed, told the way a user can act on it. */
const CAUSES: { test: RegExp; message: string; hint: string }[] = [
  {
    test: /Cannot autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect: (No such file|Connection refused)|Failed to connect to socket/i,
    message: 'No D-Bus session is available for the keychain',
    hint: 'Start Tusk inside a desktop session (or under dbus-run-session with a Secret Service such as gnome-keyring). Until then passwords are kept for this session only.',
  },
  {
    test: /org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service/i,
    message: 'No Secret Service (keychain) is running',
    hint: 'Install and start a Secret Service: gnome-keyring (apt install gnome-keyring) or KeePassXC with its Secret Service enabled. Until then passwords are kept for this session only.',
  },
  {
    test: /locked collection|collection\/login|is locked|Prompt dismissed|prompt|No such secret collection/i,
    message: 'The keyring is locked',
    hint: 'Unlock your login keyring (log in to the desktop, or run gnome-keyring-daemon --unlock), then try again. Until then passwords are kept for this session only.',
  },
  {
    test: /NODE_MODULE_VERSION|Cannot find module|keytar\.node|was compiled against|libsecret/i,
    message: 'The keychain module (keytar) is not built for this Tusk',
    hint: 'Install libsecret-1-dev, then run "npm rebuild keytar" (for the NW.js runtime: npm run rebuild:nw). Until then passwords are kept for this session only.',
  },
];

/**
 * Maps a keytar / libsecret failure (no D-Bus, no Secret Service, locked keyring, module not
 * built) to a TuskError of kind `credential` with a hint; anything else becomes a generic
 * keychain error keeping the original text as detail. Never includes the secret.
 */
export function fromKeychainError(error: unknown, action = 'use the keychain'): TuskError {
  const text = isErrorLike(error) ? error.message : String(error);
  const known = CAUSES.find((c) => c.test.test(text));
  return new TuskError('credential', known ? known.message : `Could not ${action}`, {
    detail: text,
    hint: known?.hint ?? 'Check that your keychain is running and unlocked, then try again.',
    cause: error,
  });
}
