import { TuskError } from '../models/errors/errors';

/** The command-line flags of `npm start` / `npm run serve` and of the NW.js app. */
export interface StartOptions {
  /** 0 = any free port. */
  port: number;
  dataDir?: string;
  /** Keep the data in `tusk-data` next to the app (portable mode). */
  portable: boolean;
  /** Do not open a browser tab (browser mode). */
  open: boolean;
  /** Start an embedded PostgreSQL with sample data. */
  demo: boolean;
  help: boolean;
}

/** The usage text printed by `--help`. */
export const USAGE = `Usage: npm start -- [flags]     (or npm run serve -- [flags] for browser mode)

  --port N        listen on 127.0.0.1:N (0 = any free port; default 0)
  --data-dir DIR  keep Tusk's data in DIR (default: a tusk-data folder next to the app if
                  there is one, else TUSK_DATA_DIR, else the OS data folder)
  --portable      keep Tusk's data in tusk-data next to the app (created if missing), to
                  run from a USB stick; --data-dir wins over it
  --no-open       do not open a browser tab (browser mode)
  --demo          start an embedded PostgreSQL with sample data to try Tusk on
  --help          show this help`;

/**
 * Parses the flags (`--port 5000` and `--port=5000` both work).
 * @throws TuskError of kind `validation` naming the bad flag.
 */
export function parseStartOptions(argv: readonly string[]): StartOptions {
  const options: StartOptions = {
    port: 0,
    portable: false,
    open: true,
    demo: false,
    help: false,
  };
  const args = argv.flatMap((a) =>
    a.startsWith('--') && a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a],
  );
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw bad(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535)
          throw bad(`--port must be a number from 0 to 65535, not "${text}"`);
        options.port = port;
        break;
      }
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--portable':
        options.portable = true;
        break;
      case '--no-open':
        options.open = false;
        break;
      case '--demo':
        options.demo = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw bad(`Unknown flag "${flag}"`);
    }
  }
  return options;
}

function bad(message: string): TuskError {
  return new TuskError('validation', message, { hint: 'Run with --help to see the flags.' });
}
