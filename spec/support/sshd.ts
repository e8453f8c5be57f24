import { join } from 'node:path';
import { startSupervised, type Supervised } from './supervised';

/** A test sshd and the accounts it accepts. */
export interface SshdInfo {
  host: string;
  port: number;
  /** `SHA256:…` of the host key, as `ssh-keygen -l` prints it. */
  hostKeyFingerprint: string;
  hostPublicKey: string;
  keyUser: { username: string; privateKeyPath: string };
  protectedKeyUser: { username: string; privateKeyPath: string; passphrase: string };
  /** Null when not running as root (sshd can then only log in the current user). */
  passwordUser: { username: string; password: string } | null;
  permitOpen: string[];
}

/** Starts a real sshd on 127.0.0.1 that forwards only to `permitOpen` ("host:port"). */
export function startSshd(permitOpen: string[]): Promise<Supervised<SshdInfo>> {
  return startSupervised<SshdInfo>(process.execPath, [
    join(__dirname, 'sshd-server.mjs'),
    ...permitOpen.flatMap((target) => ['--permit-open', target]),
  ]);
}
