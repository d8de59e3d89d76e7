// Test support for real networking: network namespaces, veth pairs and commands run inside them.
// Everything it creates is named with a per-run prefix so that parallel runs never meet, and it
// removes only what it created. Traffic stays between these namespaces (workplace network rule).
import { execFile } from 'node:child_process';

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
