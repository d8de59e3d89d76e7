// The ECS instance type for a desired instance's vCPU and memory: the county's requests state
// sizes, the cloud names types. Alibaba Cloud (and Apsara Stack) enterprise families keep a fixed
// memory:vCPU ratio (c 1:2, g 1:4, r 1:8) and name sizes by vCPU (large = 2, xlarge = 4, Nxlarge =
// 4N). Pure, shared by the Pulumi and Terraform targets so both ask for the same machine.
import { DesiredStateError } from './errors.ts';

const FAMILY_BY_RATIO: Readonly<Record<number, string>> = { 2: 'c', 4: 'g', 8: 'r' };

/** e.g. (4, 16, '7') -> "ecs.g7.xlarge". Throws DesiredStateError when no family fits. */
export function instanceTypeOf(name: string, vcpu: number, memoryGiB: number, generation = '7'): string {
  const family = FAMILY_BY_RATIO[memoryGiB / vcpu];
  const size = vcpu === 2 ? 'large' : vcpu === 4 ? 'xlarge' : vcpu % 4 === 0 ? `${vcpu / 4}xlarge` : undefined;
  if (family === undefined || size === undefined) {
    throw new DesiredStateError(
      'E-DESIRED-INSTANCE-SIZE',
      name,
      { zh: `云服务器 ${name} 的规格 ${vcpu} 核 ${memoryGiB} GiB 没有对应的实例规格`, en: `instance ${name}: ${vcpu} vCPU and ${memoryGiB} GiB match no instance type` },
      {
        zh: 'vCPU 取 2、4 或 4 的倍数，内存与 vCPU 之比取 2、4 或 8（如 4 核 16 GiB）',
        en: 'use 2, 4 or a multiple of 4 vCPUs and a memory:vCPU ratio of 2, 4 or 8 (e.g. 4 vCPU, 16 GiB)',
      },
    );
  }
  return `ecs.${family}${generation}.${size}`;
}
