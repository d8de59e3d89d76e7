// Runs one stack program of stacks/ with the Pulumi SDK's mocks and returns the resource graph it
// registered: type, name, parent, provider and every input. The mocks stand in for the Pulumi engine
// and the clouds, which cannot run here (no pulumi CLI, no network); the program, the components
// and the SDK's registration path are the real ones.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import { sortKeys } from '../../src/plan/json.ts';
import { REPO_ROOT, SAMPLE_AS_OF } from '../plan/sample.ts';

export interface Registered {
  readonly type: string;
  readonly name: string;
  /** Name of the parent resource; undefined at the top. */
  readonly parent?: string;
  /** Name of the explicit provider resource, when one was passed. */
  readonly provider?: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  /** The serialised code of a dynamic provider (its `__provider` input), kept out of `inputs`. */
  readonly providerCode?: string;
}

const nameOfUrn = (urn: string): string | undefined => (urn ? urn.split('::').pop() : undefined);

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getCustom(): boolean;
}

/** The stack's own Pulumi.county.yaml config, repoRoot made absolute, asOf fixed. */
export function stackConfig(stack: string, asOf = SAMPLE_AS_OF): Record<string, string> {
  const dir = join(REPO_ROOT, 'stacks', stack);
  const doc = parse(readFileSync(join(dir, 'Pulumi.county.yaml'), 'utf8')) as { config: Record<string, unknown> };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.config)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  out[`${stack}:repoRoot`] = resolve(dir, out[`${stack}:repoRoot`] ?? '.');
  out[`${stack}:asOf`] = asOf;
  return out;
}

export async function runStack(stack: string, config: Record<string, string> = stackConfig(stack)): Promise<Registered[]> {
  const inputs = new Map<string, Record<string, unknown>>();
  const key = (type: string, name: string): string => `${type}::${name}`;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        inputs.set(key(args.type, args.name), args.inputs as Record<string, unknown>);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        throw new Error(`unexpected invoke ${args.token}: the stacks must not call cloud APIs during planning`);
      },
    },
    stack,
    'county',
    false,
  );
  pulumi.runtime.setAllConfig(config);
  // The mocks' newResource is not told the parent or provider; the monitor's request is.
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: unknown): unknown };
  const seen: { type: string; name: string; parent: string; provider: string; custom: boolean }[] = [];
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    seen.push({ type: req.getType(), name: req.getName(), parent: req.getParent(), provider: req.getProvider(), custom: req.getCustom() });
    return original(req, cb);
  };
  await import(join(REPO_ROOT, 'stacks', stack, 'index.ts'));
  await pulumi.runtime.disconnect();
  return seen
    .map((r) => {
      const all = { ...(inputs.get(key(r.type, r.name)) ?? {}) };
      // The serialised dynamic provider is code text, not configuration: kept apart from the graph.
      const providerCode = typeof all.__provider === 'string' ? all.__provider : undefined;
      delete all.__provider;
      const provider = r.provider ? nameOfUrn(r.provider.split('::').slice(0, -1).join('::')) : undefined;
      return {
        type: r.type,
        name: r.name,
        ...(nameOfUrn(r.parent) ? { parent: nameOfUrn(r.parent) } : {}),
        ...(provider ? { provider } : {}),
        custom: r.custom,
        inputs: sortKeys(all) as Record<string, unknown>,
        ...(providerCode ? { providerCode } : {}),
      };
    })
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
