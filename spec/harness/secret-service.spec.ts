import { execFileSync } from 'node:child_process';
import keytar from 'keytar';

const SERVICE = 'dev.tusk.Tusk.harness-test';

describe('Secret Service harness (dbus-run-session + gnome-keyring, from the global setup)', () => {
  it('runs a private session bus, not the desktop one', () => {
    expect(process.env['DBUS_SESSION_BUS_ADDRESS']).toMatch(/^unix:path=\/tmp\/dbus-/);
  });

  it('stores, finds and deletes a secret through keytar, visible to secret-tool', async () => {
    await keytar.setPassword(SERVICE, 'db:harness', 's3cret-value');
    expect(await keytar.getPassword(SERVICE, 'db:harness')).toBe('s3cret-value');
    const listed = execFileSync('secret-tool', ['search', '--all', 'service', SERVICE], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(listed).toContain('db:harness');
    expect(await keytar.deletePassword(SERVICE, 'db:harness')).toBe(true);
    expect(await keytar.getPassword(SERVICE, 'db:harness')).toBeNull();
  });
});
