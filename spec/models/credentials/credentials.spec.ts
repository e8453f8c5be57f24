import { CredentialService } from '../../../app/models/credentials/credentials';

describe('CredentialService without a usable keychain', () => {
  it('keytar not built: the session store, and how to fix it', async () => {
    const service = await CredentialService.start({ keytar: null });
    expect(service.status()).toEqual({
      store: 'session',
      problem: expect.objectContaining({
        kind: 'credential',
        message: 'The keychain module (keytar) is not built for this Tusk',
        hint: expect.stringContaining('libsecret-1-dev, then run "npm rebuild keytar"'),
      }),
    });
    await service.set('db', 'c1', 'session-secret');
    expect(await service.get('db', 'c1')).toBe('session-secret');
    expect([...(await service.stored(['c1', 'c2']))]).toEqual([
      ['c1', ['db']],
      ['c2', []],
    ]);
    await service.deleteAll('c1');
    expect(await service.get('db', 'c1')).toBeNull();
  });
});
