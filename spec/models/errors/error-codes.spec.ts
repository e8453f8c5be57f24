import {
  isSqlState,
  TUSK_ERROR_CODES,
  type ErrorCode,
  type TuskErrorCode,
} from '../../../app/common/error-codes';
import { CONNECTION_RANGES, CONNECTION_TEXT_MAX } from '../../../app/common/connection-limits';
import { PREFERENCE_RANGES } from '../../../app/common/preference-limits';
import { connectionInputSchema } from '../../../app/models/connections/connection-config';
import type { ErrorInfo } from '../../../app/models/errors/error-info';
import { TuskError } from '../../../app/models/errors/errors';
import { fromZodError } from '../../../app/models/errors/validation-errors';
import { preferencesPatchSchema } from '../../../app/models/storage/preferences';

describe("Tusk's error codes (app/common/error-codes.ts)", () => {
  it('a typo in a Tusk code fails tsc where it is made and where it is compared', () => {
    // Each line below would compile if the codes were loose strings: tsc (part of the test
    // command) then fails on the unused @ts-expect-error.
    // @ts-expect-error — not a Tusk code, and no SQLSTATE either
    const made = new TuskError('ssh', 'x', { code: 'SSH_HOST_KEY_CHANGD' });
    const info: ErrorInfo = made.toErrorInfo();
    // @ts-expect-error — a comparison that can never be true
    const compared = info.code === 'PASSWORD_REFUSD';
    switch (info.code) {
      // @ts-expect-error — a case that can never match
      case 'SSH_PASSPHRASE_REQUIERD':
        break;
    }
    const fine: ErrorCode[] = ['PASSWORD_REFUSED', '28P01', '57014', 'XX000', 'P0001', 'HV000'];
    expect(compared).toBe(false);
    expect(fine.filter((code) => isSqlState(code))).toEqual(fine.slice(1));
  });

  it('no Tusk code can be taken for a SQLSTATE, and a SQLSTATE is five digits or capitals', () => {
    const codes = Object.keys(TUSK_ERROR_CODES) as TuskErrorCode[];
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) expect([code, isSqlState(code)]).toEqual([code, false]);
    expect(['28P01', '57P01', '08006', '42601'].every(isSqlState)).toBe(true);
    expect(['28p01', '2801', '28P011', '', undefined].some(isSqlState)).toBe(false);
  });

  it('what each code means is said', () => {
    for (const [code, meaning] of Object.entries(TUSK_ERROR_CODES)) {
      expect([code, meaning.length > 10]).toEqual([code, true]);
    }
  });
});

describe('validation issues: what is wrong with the input, for a program', () => {
  const issuesFor = (schema: { safeParse(v: unknown): { error?: unknown } }, input: unknown) =>
    fromZodError(schema.safeParse(input).error as never, 'Invalid').toErrorInfo().issues;

  it("a connection's fields: the problem and the bound from common, never the value", () => {
    const issues = issuesFor(connectionInputSchema, {
      name: 'n'.repeat(CONNECTION_TEXT_MAX.name + 1),
      host: 'not a host!',
      port: CONNECTION_RANGES.port.max + 1,
      database: '',
      username: 'u',
      connectTimeoutMs: CONNECTION_RANGES.connectTimeoutMs.min - 1,
      keepAliveSeconds: 'sixty',
      poolSize: 2.5,
      sshTunnel: {
        host: 'h',
        username: 'u',
        auth: { method: 'key', privateKeyPath: 'k' },
        hostKey: 'md5',
      },
    });
    expect(issues).toEqual([
      {
        path: 'name',
        problem: 'too_long',
        limit: CONNECTION_TEXT_MAX.name,
        message: expect.any(String),
      },
      { path: 'host', problem: 'rule', message: 'must be a host name or an IP address' },
      { path: 'port', problem: 'too_big', limit: 65_535, message: expect.any(String) },
      { path: 'database', problem: 'empty', message: 'is empty' },
      {
        path: 'sshTunnel.hostKey',
        problem: 'rule',
        message: 'must be a SHA256 fingerprint',
      },
      { path: 'connectTimeoutMs', problem: 'too_small', limit: 500, message: expect.any(String) },
      { path: 'keepAliveSeconds', problem: 'not_a_number', message: expect.any(String) },
      { path: 'poolSize', problem: 'not_whole', message: expect.any(String) },
    ]);
    expect(JSON.stringify(issues)).not.toContain('not a host!');
  });

  it("preferences: a path into `values`, each bound as common's ranges say", () => {
    const issues = issuesFor(preferencesPatchSchema, {
      editorFontSize: PREFERENCE_RANGES.editorFontSize.max + 1,
      rowCap: Number.NaN,
      theme: 'pink',
      nosuch: 1,
    });
    expect(issues).toEqual([
      { path: 'theme', problem: 'invalid', message: expect.stringContaining('"system"') },
      { path: 'editorFontSize', problem: 'too_big', limit: 40, message: expect.any(String) },
      { path: 'rowCap', problem: 'not_a_number', message: expect.any(String) },
      { path: '', problem: 'invalid', message: 'Unrecognized key: "nosuch"' },
    ]);
  });
});
