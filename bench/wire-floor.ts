// The wire floor for the first-fetch bench (issue 30): the least a client can take to fetch a
// result. A bare PostgreSQL protocol client on a plain socket (startup, trust or
// SCRAM-SHA-256, one simple Query) that walks the messages' headers and keeps nothing: the server makes every
// row's text and sends it over the loopback as it does for any client, and the client does
// no work per row. What Tusk takes above this is Tusk's; what psql takes above it is psql's.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { PgInfo } from './serve-backend';

/** A message of type `type` (a letter, or none for the startup message) with `body`. */
function message(type: string | null, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([type ? Buffer.from(type) : Buffer.alloc(0), length, body]);
}

const cstring = (s: string) => Buffer.from(`${s}\0`);

/** Reads whole messages off `socket`, header by header; rows are skipped, not kept. */
class Reader {
  #left = 0; // bytes of the current message's body still to come
  #part = Buffer.alloc(0); // a header split across reads
  #type = '';
  #body: Buffer[] = []; // the current message's body, unless it is a row
  #keep = false;
  #waiting: ((type: string, body: Buffer) => boolean)[] = [];

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
  }

  #read(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#left > 0) {
        const take = Math.min(this.#left, chunk.length - at);
        if (this.#keep) this.#body.push(chunk.subarray(at, at + take));
        this.#left -= take;
        at += take;
        if (this.#left === 0) this.#done();
        continue;
      }
      let head = chunk;
      let from = at;
      if (this.#part.length > 0 || chunk.length - at < 5) {
        const take = Math.min(5 - this.#part.length, chunk.length - at);
        this.#part = Buffer.concat([this.#part, chunk.subarray(at, at + take)]);
        at += take;
        if (this.#part.length < 5) continue;
        [head, from] = [this.#part, 0];
        this.#part = Buffer.alloc(0);
      } else at += 5;
      this.#type = String.fromCharCode(head[from]!);
      this.#left = head.readInt32BE(from + 1) - 4;
      this.#keep = this.#type !== 'D';
      this.#body = [];
      if (this.#left === 0) this.#done();
    }
  }

  #done(): void {
    if (!this.#keep) return; // a row: nobody waits for one
    const body = Buffer.concat(this.#body);
    this.#body = [];
    // An error is every waiter's; another message, the first waiter's that takes it.
    if (this.#type === 'E') for (const take of this.#waiting.splice(0)) take('E', body);
    else {
      const taker = this.#waiting.findIndex((take) => take(this.#type, body));
      if (taker >= 0) this.#waiting.splice(taker, 1);
    }
  }

  /** Resolves with the body of the first message `accept` takes; an error ('E') rejects. */
  next(accept: (type: string, body: Buffer) => boolean): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.#waiting.push((type, body) => {
        if (type === 'E') reject(new Error(`server error: ${body.toString('latin1')}`));
        else if (!accept(type, body)) return false;
        else resolve(body);
        return true;
      });
    });
  }
}

/** A logged-in bare client: `fetch(sql)` times one simple Query to its ReadyForQuery. */
export class WireClient {
  private constructor(
    private readonly socket: Socket,
    private readonly reader: Reader,
  ) {}

  /** Connects to `pg` without TLS and logs in (`trust`, or SCRAM-SHA-256 with its password). */
  static async open(pg: PgInfo): Promise<WireClient> {
    const socket = connect(pg.port, pg.host);
    await new Promise<void>((resolve, reject) =>
      socket.once('connect', resolve).once('error', reject),
    );
    const reader = new Reader(socket);
    const version = Buffer.alloc(4);
    version.writeInt32BE(196608);
    const startup = [version, cstring('user'), cstring(pg.username), cstring('database')];
    const auth = (code: number) => (t: string, b: Buffer) => t === 'R' && b.readInt32BE(0) === code;
    const asked = reader.next((t, b) => t === 'R' && [0, 10].includes(b.readInt32BE(0)));
    const ready = reader.next((t) => t === 'Z');
    ready.catch(() => undefined); // a refused login rejects `asked` or `cont` first
    socket.write(
      message(null, Buffer.concat([...startup, cstring(pg.database), Buffer.from([0])])),
    );
    if ((await asked).readInt32BE(0) === 0) {
      await ready; // trust: logged in
      return new WireClient(socket, reader);
    }
    const nonce = randomBytes(18).toString('base64');
    const firstBare = `n=,r=${nonce}`;
    const initial = Buffer.from(`n,,${firstBare}`);
    const length = Buffer.alloc(4);
    length.writeInt32BE(initial.length);
    const cont = reader.next(auth(11));
    socket.write(message('p', Buffer.concat([cstring('SCRAM-SHA-256'), length, initial])));
    const serverFirst = (await cont).subarray(4).toString();
    const fields = Object.fromEntries(serverFirst.split(',').map((f) => [f[0], f.slice(2)]));
    const salted = pbkdf2Sync(
      pg.password,
      Buffer.from(fields['s']!, 'base64'),
      Number(fields['i']),
      32,
      'sha256',
    );
    const clientKey = createHmac('sha256', salted).update('Client Key').digest();
    const storedKey = createHash('sha256').update(clientKey).digest();
    const finalBare = `c=biws,r=${fields['r']}`;
    const signature = createHmac('sha256', storedKey)
      .update(`${firstBare},${serverFirst},${finalBare}`)
      .digest();
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]!)).toString('base64');
    socket.write(message('p', Buffer.from(`${finalBare},p=${proof}`)));
    await ready;
    return new WireClient(socket, reader);
  }

  /** Sends `sql` as one simple Query and waits for its ReadyForQuery; ms. */
  async fetch(sql: string): Promise<number> {
    const started = performance.now();
    const ready = this.reader.next((t) => t === 'Z');
    this.socket.write(message('Q', cstring(sql)));
    await ready;
    return performance.now() - started;
  }

  /** Says Terminate and closes the socket. */
  close(): void {
    this.socket.end(message('X', Buffer.alloc(0)));
  }
}
