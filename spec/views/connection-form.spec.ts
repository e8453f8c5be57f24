import { checkForm, validationErrors } from '../../app/views/connections/connection-form-checks';
import { emptyForm } from '../../app/views/connections/connection-form-model';
import { parsePostgresUrl } from '../../app/views/connections/connection-form-url';

/** The connection dialog's pure code (the dialog itself: connection-dialog.spec.ts). */
describe('the connection form, without a browser', () => {
  it('reads a postgres:// URL into fields (escapes, IPv6, query keys)', () => {
    expect(
      parsePostgresUrl(
        'postgresql://al%40ice:p%2Fw@db.example.com:6543/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=7',
      ),
    ).toEqual({
      fields: {
        user: 'al@ice',
        password: 'p/w',
        host: 'db.example.com',
        port: '6543',
        database: 'shop',
        sslMode: 'verify-full',
        sslRootCert: '/etc/ca.pem',
        connectTimeoutMs: '7000',
      },
    });
    expect(parsePostgresUrl('postgres://[::1]/db')).toEqual({
      fields: { host: '::1', port: '5432', database: 'db' },
    });
    expect(parsePostgresUrl('postgres://h?user=u&dbname=d&port=1')).toEqual({
      fields: { host: 'h', port: '1', user: 'u', database: 'd' },
    });
    expect(parsePostgresUrl('postgres://h/d?sslmode=allow')).toEqual({
      error: expect.stringContaining('Unknown sslmode "allow"'),
    });
    expect(parsePostgresUrl('mysql://h/d')).toEqual({ error: expect.any(String) });
  });

  it('checks before sending in the words of the backend, and maps its validation errors', () => {
    expect(checkForm({ ...emptyForm(), host: ' ', port: '70000', user: 'u' })).toEqual({
      host: 'Host is empty',
      port: 'Port must be at most 65535',
    });
    const issues = [
      { path: 'host', problem: 'empty', message: 'is empty' },
      { path: 'port', problem: 'too_big', limit: 65535, message: 'Too big' },
      { path: 'sshTunnel.host', problem: 'rule', message: 'must be a host name or an IP address' },
      { path: '', problem: 'invalid', message: 'Unrecognized key: "x"' },
    ] as const;
    expect(
      validationErrors({ kind: 'validation', message: 'Invalid', issues: [...issues] }),
    ).toEqual({
      fields: {
        host: 'Host is empty',
        port: 'Port must be at most 65535',
        sshHost: 'SSH host must be a host name or an IP address',
      },
      other: ['Unrecognized key: "x"'],
    });
  });
});
