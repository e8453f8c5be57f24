// Benchmark: the OS keychain through CredentialService (keytar → libsecret → Secret Service).
// Target (plan.md): probe, get and set each ≤ 500 ms. Run through bench/credentials.mjs, which
// starts a private D-Bus session with an unlocked gnome-keyring. Prints Markdown table rows.
import { CredentialService } from '../app/models/credentials/credentials';

const RUNS = 20;

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(1)} ms`;
  return `${f(sorted[Math.floor(sorted.length / 2)]!)} | ${f(sorted[sorted.length - 1]!)}`;
}

async function main(): Promise<void> {
  const probes: number[] = [];
  let service: CredentialService | undefined;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    service = await CredentialService.start({ service: 'dev.tusk.Tusk.bench' });
    probes.push(performance.now() - t);
  }
  if (service!.status().store !== 'keychain') {
    throw new Error(`the keychain is not available: ${JSON.stringify(service!.status().problem)}`);
  }
  const sets: number[] = [];
  const gets: number[] = [];
  const deletes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const id = `bench-${i}`;
    let t = performance.now();
    await service!.set('db', id, `secret-${i}-${Math.random()}`);
    sets.push(performance.now() - t);
    t = performance.now();
    await service!.get('db', id);
    gets.push(performance.now() - t);
    t = performance.now();
    await service!.delete('db', id);
    deletes.push(performance.now() - t);
  }
  console.log(
    `| measure (${process.platform}-${process.arch}, gnome-keyring) | median | worst | target |`,
  );
  console.log('|---|---|---|---|');
  console.log(
    `| probe at start (5 runs: load keytar, write + delete an entry) | ${stats(probes)} | ≤ 500 ms |`,
  );
  console.log(`| set (${RUNS} runs) | ${stats(sets)} | ≤ 500 ms |`);
  console.log(`| get (${RUNS} runs) | ${stats(gets)} | ≤ 500 ms |`);
  console.log(`| delete (${RUNS} runs) | ${stats(deletes)} | — |`);
}

void main();
