// A plan: what applying the desired state would change, resource by resource, with the requests behind it.
import type { Localized } from '../i18n/index.ts';

export type ChangeAction = 'add' | 'change' | 'remove';

export interface FieldChange {
  /** Dotted path of the field inside the resource, e.g. "ports" or "source.cidrs". */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface ResourceChange {
  readonly action: ChangeAction;
  /** The stack the resource belongs to: extranet-edge, cloud-node, access. */
  readonly stack: string;
  /** e.g. firewall.policy, firewall.nat, cloud.securityGroupRule, access.account. */
  readonly type: string;
  /** Stable resource name (the key in desired state). */
  readonly name: string;
  /** Ids of the requests this resource comes from (before and after). */
  readonly requests: readonly string[];
  readonly fields: readonly FieldChange[];
  /** One sentence for a reviewer: what opens to whom on which port and why (resolved names, not object ids). */
  readonly description?: Localized;
  /** True when the resource exposes something to the whole internet (a /0 source or a public address mapping). */
  readonly internetFacing?: boolean;
}

export interface Plan {
  /** The day the desired state was computed for (YYYY-MM-DD). */
  readonly asOf?: string;
  /** The day of the snapshot the plan is against; absent when nothing was applied yet. */
  readonly againstAsOf?: string;
  readonly changes: readonly ResourceChange[];
  readonly summary: { readonly add: number; readonly change: number; readonly remove: number };
}
