import { parseStartOptions } from '../../app/server/options';

describe('command-line flags', () => {
  it('defaults to any port, opening a browser, no demo', () => {
    expect(parseStartOptions([])).toEqual({
      port: 0,
      portable: false,
      open: true,
      demo: false,
      help: false,
    });
  });

  it('reads every flag in both spellings', () => {
    expect(
      parseStartOptions([
        '--port',
        '5123',
        '--data-dir',
        '/tmp/x',
        '--portable',
        '--no-open',
        '--demo',
      ]),
    ).toEqual({
      port: 5123,
      dataDir: '/tmp/x',
      portable: true,
      open: false,
      demo: true,
      help: false,
    });
    expect(parseStartOptions(['--port=0', '--data-dir=/a=b'])).toMatchObject({
      port: 0,
      dataDir: '/a=b',
    });
  });

  it.each([
    [['--port', 'abc'], '--port must be a number from 0 to 65535, not "abc"'],
    [['--port', '70000'], '--port must be a number from 0 to 65535, not "70000"'],
    [['--port'], '--port needs a value'],
    [['--data-dir', '--demo'], '--data-dir needs a value'],
    [['--colour'], 'Unknown flag "--colour"'],
  ])('refuses %j with a validation error', (argv, message) => {
    expect(() => parseStartOptions(argv)).toThrow(
      expect.objectContaining({
        kind: 'validation',
        message,
        hint: 'Run with --help to see the flags.',
      }),
    );
  });
});
