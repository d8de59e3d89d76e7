// The Huawei USG target: configuration text for the county's exit firewall.
export { renderHuaweiUsg, huaweiServiceName } from './render.ts';
