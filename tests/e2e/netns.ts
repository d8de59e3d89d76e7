// Test support for real networking: network namespaces, veth pairs and commands run inside them.
// Everything it creates is named with a per-run prefix so that parallel runs never meet, and it
// removes only what it created. Traffic stays between these namespaces (workplace network rule).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export function run(file: string, args: readonly string[], timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')} failed: ${(stderr || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/** Why real namespaces cannot be used here, or undefined when they can. */
export async function netnsUnavailable(): Promise<string | undefined> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'not running as root: network namespaces and nftables need root (run as root, or set GOVERN_E2E=0 to skip explicitly)';
  }
  try {
    await run('ip', ['netns', 'list']);
    await run('nft', ['--version']);
  } catch (e) {
    return `ip netns / nft unavailable (${(e as Error).message}); install iproute2 and nftables (.ci/run does), or set GOVERN_E2E=0 to skip explicitly`;
  }
  return undefined;
}

/** Namespaces and links created by one test file, removed by cleanup() even after a failure. */
export class NetnsLab {
  readonly prefix: string;
  private readonly namespaces: string[] = [];

  constructor(tag: string) {
    // short: veth names derive from it and Linux allows 15 characters per interface name
    this.prefix = `g${tag}${process.pid.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  }

  async add(name: string): Promise<string> {
    const ns = `${this.prefix}-${name}`;
    await run('ip', ['netns', 'add', ns]);
    this.namespaces.push(ns);
    await this.exec(ns, ['ip', 'link', 'set', 'lo', 'up']);
    return ns;
  }

  exec(ns: string, argv: readonly string[], timeoutMs = 10_000): Promise<string> {
    return run('ip', ['netns', 'exec', ns, ...argv], timeoutMs);
  }

  /** A veth pair between two namespaces with an address on each end. */
  async link(a: string, aAddr: string, b: string, bAddr: string, id: string): Promise<{ aIf: string; bIf: string }> {
    const aIf = `${id}a`;
    const bIf = `${id}b`;
    await run('ip', ['link', 'add', aIf, 'netns', a, 'type', 'veth', 'peer', 'name', bIf, 'netns', b]);
    for (const [ns, ifn, addr] of [
      [a, aIf, aAddr],
      [b, bIf, bAddr],
    ] as const) {
      await this.exec(ns, ['ip', 'addr', 'add', addr, 'dev', ifn]);
      await this.exec(ns, ['ip', 'link', 'set', ifn, 'up']);
    }
    return { aIf, bIf };
  }

  async cleanup(): Promise<void> {
    // Deleting a namespace deletes its veth ends too. Try every namespace, then report failures.
    const failures: string[] = [];
    for (const ns of this.namespaces.splice(0).reverse()) {
      await run('ip', ['netns', 'del', ns]).catch((e: Error) => failures.push(e.message));
    }
    if (failures.length > 0) throw new Error(`cleanup failed: ${failures.join('; ')}`);
  }
}

/** The answer to one TCP connection attempt. */
export interface Probe {
  readonly result: 'connected' | 'timeout' | 'error';
  /** What the listener wrote: identifies the server that was reached (e.g. after DNAT). */
  readonly banner?: string;
  readonly code?: string;
}

const AGENT_JS = `
const net = require('node:net');
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const { id, host, port, ms } = JSON.parse(line);
  const s = net.connect({ host, port });
  let data = '';
  let done = false;
  const finish = (r) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    s.destroy();
    process.stdout.write(JSON.stringify({ id, ...r }) + '\\n');
  };
  const timer = setTimeout(() => finish({ result: 'timeout' }), ms);
  s.on('data', (d) => { data += d; });
  s.on('end', () => finish({ result: 'connected', banner: data.trim() }));
  s.on('error', (e) => finish({ result: 'error', code: e.code }));
});
rl.on('close', () => process.exit(0));
`;

/**
 * A TCP client living inside one namespace: one node process started once, asked over stdin to
 * connect, so many probes cost no process start each. Every probe is bounded by its own timeout.
 */
export class ProbeAgent {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (p: Probe) => void>();
  private next = 0;
  private stderr = '';

  constructor(readonly ns: string) {
    this.child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', AGENT_JS], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const { id, ...probe } = JSON.parse(line) as Probe & { id: number };
      this.pending.get(id)?.(probe);
      this.pending.delete(id);
    });
  }

  /** One connection attempt to host:port, given up after `ms`. */
  probe(host: string, port: number, ms: number): Promise<Probe> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      // the agent answers within ms; the guard only catches an agent that died
      const guard = setTimeout(() => reject(new Error(`probe agent in ${this.ns} gave no answer: ${this.stderr}`)), ms + 5_000);
      this.pending.set(id, (p) => {
        clearTimeout(guard);
        resolve(p);
      });
      this.child.stdin!.write(JSON.stringify({ id, host, port, ms }) + '\n');
    });
  }

  /** Ends the agent we started (closing stdin ends it; the signal covers a stuck one). */
  stop(): void {
    this.child.stdin?.end();
    this.child.kill('SIGTERM');
  }
}
