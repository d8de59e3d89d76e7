// The nftables target: renderer, device reader, drift and the atomic driver of the exit firewall.
export { renderNftables, nftRuleset, setName, ruleComment, type NftRenderOptions } from './render.ts';
export { NftablesDriver, type NftablesDriverOptions, type NftApplyResult, type NftReadResult } from './driver.ts';
export { diffRulesets, type Drift, type DriftItem, type DriftSide } from './diff.ts';
export { rulesetFromJson } from './read.ts';
export { fingerprint, rulesetText, DEFAULT_TABLE, type NftRuleset } from './ruleset.ts';
export { FirewallTargetError } from './errors.ts';
export { parseZoneInterfaces, type ZoneInterfaces } from './zones.ts';
