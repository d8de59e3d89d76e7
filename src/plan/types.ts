// A plan: what applying the desired state would change, resource by resource, with the requests behind it.

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
}

export interface Plan {
  readonly changes: readonly ResourceChange[];
  readonly summary: { readonly add: number; readonly change: number; readonly remove: number };
}
