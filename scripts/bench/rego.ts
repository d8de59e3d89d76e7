// Benchmark: the in-process Rego engine against a hand-written TypeScript function doing the same
// least-privilege check of port-opening requests (high-risk ports open to the internet, 0.0.0.0/0
// sources other than 80/443, ranges wider than a limit, duplicates/shadowing of a few thousand
// existing rules by destination+protocol+port, both through an index built once). Prints evaluations per second and their ratio.
import { compile, toJS, type Value } from '../../src/rego/index.ts';

export const POLICY = `package bench.ports

high_risk_ports := {21, 22, 23, 445, 1433, 3306, 3389, 5432, 6379, 9200, 27017}

max_range_width := 16

internet := "0.0.0.0/0"

# existing rules by destination, protocol and each port they open (independent of input: built
# once per compiled policy and cached across evaluations)
existing_by_port[r.dest][r.proto][port] contains r if {
	some r in data.existing
	some port in numbers.range(r.from_port, r.to_port)
}

deny contains msg if {
	input.source == internet
	some p in input.ports
	some port in numbers.range(p.from, p.to)
	port in high_risk_ports
	msg := {"code": "high_risk_port", "port": port}
}

deny contains msg if {
	input.source == internet
	some p in input.ports
	not web_port(p)
	msg := {"code": "internet_non_web", "from": p.from, "to": p.to}
}

web_port(p) if {
	p.from == p.to
	p.from in {80, 443}
}

deny contains msg if {
	some p in input.ports
	p.to - p.from + 1 > max_range_width
	msg := {"code": "range_too_wide", "from": p.from, "to": p.to}
}

deny contains msg if {
	some p in input.ports
	some port in numbers.range(p.from, p.to)
	some r in existing_by_port[input.dest][input.proto][port]
	covers(r.source, input.source)
	msg := {"code": "shadowed_by_existing", "rule": r.id, "port": port}
}

covers(existing, _) if existing == internet

covers(existing, requested) if existing == requested
`;

interface Port {
  from: number;
  to: number;
}
interface ExistingRule {
  id: string;
  dest: string;
  proto: string;
  from_port: number;
  to_port: number;
  source: string;
}
interface Request {
  dest: string;
  proto: string;
  source: string;
  ports: Port[];
}
type Msg = Record<string, string | number>;

const HIGH_RISK = [21, 22, 23, 445, 1433, 3306, 3389, 5432, 6379, 9200, 27017];

/** The same policy, hand-written; its index is built once, like the Rego engine's cached rule. */
function makeNative(existing: ExistingRule[]): (req: Request) => Msg[] {
  const highRisk = new Set(HIGH_RISK);
  // nested maps (no key strings to build per lookup): the fastest plain TypeScript we could write
  const byPort = new Map<string, Map<number, ExistingRule[]>>();
  for (const r of existing) {
    const dk = r.dest + '\u0000' + r.proto;
    let m = byPort.get(dk);
    if (!m) byPort.set(dk, (m = new Map()));
    for (let port = r.from_port; port <= r.to_port; port++) {
      let l = m.get(port);
      if (!l) m.set(port, (l = []));
      l.push(r);
    }
  }
  return (req) => {
    const out: Msg[] = [];
    const internet = req.source === '0.0.0.0/0';
    for (const p of req.ports) {
      if (internet) {
        for (let port = p.from; port <= p.to; port++) if (highRisk.has(port)) out.push({ code: 'high_risk_port', port });
        if (!(p.from === p.to && (p.from === 80 || p.from === 443))) out.push({ code: 'internet_non_web', from: p.from, to: p.to });
      }
      if (p.to - p.from + 1 > 16) out.push({ code: 'range_too_wide', from: p.from, to: p.to });
      const m = byPort.get(req.dest + '\u0000' + req.proto);
      for (let port = p.from; m && port <= p.to; port++) {
        for (const r of m.get(port) ?? []) {
          if (r.source === '0.0.0.0/0' || r.source === req.source) out.push({ code: 'shadowed_by_existing', rule: r.id, port });
        }
      }
    }
    return out;
  };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function dataset(nExisting: number, nRequests: number): { existing: ExistingRule[]; requests: Request[] } {
  const r = rng(42);
  const dests = Array.from({ length: 200 }, (_, i) => `10.${Math.floor(i / 50)}.${i % 50}.10`);
  const sources = ['0.0.0.0/0', '10.0.0.0/8', '192.168.1.0/24', '172.16.0.0/12', '10.20.30.0/24'];
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const existing: ExistingRule[] = [];
  for (let i = 0; i < nExisting; i++) {
    const from = 1 + Math.floor(r() * 9000);
    existing.push({ id: `FW-${i}`, dest: pick(dests), proto: pick(['tcp', 'udp']), from_port: from, to_port: from + Math.floor(r() * 20), source: pick(sources) });
  }
  const requests: Request[] = [];
  for (let i = 0; i < nRequests; i++) {
    const ports: Port[] = [];
    const n = 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) {
      const from = r() < 0.3 ? pick([22, 80, 443, 3389, 8080]) : 1 + Math.floor(r() * 9000);
      ports.push({ from, to: from + (r() < 0.8 ? 0 : Math.floor(r() * 40)) });
    }
    requests.push({ dest: pick(dests), proto: pick(['tcp', 'udp']), source: pick(sources), ports });
  }
  return { existing, requests };
}

function canon(msgs: unknown): string {
  // deny is a set: duplicates collapse
  return JSON.stringify([...new Set((msgs as Msg[]).map((m) => JSON.stringify(Object.fromEntries(Object.entries(m).sort()))))].sort());
}

/** Runs fn for about ms milliseconds of this process's CPU time (robust to a busy machine); returns [calls, CPU ms]. */
function run(fn: () => void, ms: number): [number, number] {
  let n = 0;
  const c0 = process.cpuUsage();
  let used = 0;
  while (used < ms * 1000) {
    for (let k = 0; k < 20; k++) fn();
    n += 20;
    const c = process.cpuUsage(c0);
    used = c.user + c.system;
  }
  return [n, used / 1000];
}

/** Alternates the two contenders in short rounds so that a busy machine slows both alike. */
function rates(a: () => void, b: () => void, rounds: number, ms: number): [number, number] {
  const tot = [0, 0, 0, 0];
  for (let r = 0; r < rounds; r++) {
    const [na, ta] = run(a, ms);
    const [nb, tb] = run(b, ms);
    tot[0]! += na;
    tot[1]! += ta;
    tot[2]! += nb;
    tot[3]! += tb;
  }
  return [(tot[0]! / tot[1]!) * 1000, (tot[2]! / tot[3]!) * 1000];
}

export async function bench(): Promise<void> {
  const { existing, requests } = dataset(3000, 500);
  const compiled = compile([{ name: 'bench.rego', text: POLICY }], { data: { existing } });
  const native = makeNative(existing);
  // same answers first: a benchmark of two different checks would be meaningless
  for (const req of requests.slice(0, 100)) {
    const a = canon(toJS(compiled.evalRule('data.bench.ports.deny', req) as Value));
    const b = canon(native(req));
    if (a !== b) throw new Error(`Rego and TypeScript disagree on ${JSON.stringify(req)}:\n${a}\n${b}`);
  }
  let i = 0;
  let j = 0;
  const [regoRate, nativeRate] = rates(
    () => compiled.evalRule('data.bench.ports.deny', requests[i++ % requests.length]),
    () => native(requests[j++ % requests.length]!),
    20,
    250,
  );
  console.log(`existing rules: ${existing.length}, requests: ${requests.length}`);
  console.log(`rego (src/rego):  ${regoRate.toFixed(0)} evaluations/s`);
  console.log(`typescript:       ${nativeRate.toFixed(0)} evaluations/s`);
  console.log(`ratio (ts/rego):  ${(nativeRate / regoRate).toFixed(1)} (target <= 20)`);
}
