/**
 * OVF descriptors as the cloud-node reads and writes them: the VM a descriptor
 * declares (`<VirtualSystem>`'s `<Name>`, the vCPUs of its rasd ResourceType 3 item,
 * the memory of its ResourceType 4 item with the unit its AllocationUnits names), and
 * a descriptor of the node's own for an import. Imports write their own rather than
 * pass the source's on: another cloud's descriptor (or none, for a Glance image) need
 * not be one the destination accepts, and this one names exactly the files the
 * transfer carries, under the destination's names.
 */
import type { VmDescriptor } from './content';

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** MiB per unit of a memory item's `rasd:AllocationUnits` (`byte * 2^20`, `MegaBytes`, `byte * 2^30`). */
function mibPerUnit(units: string | undefined): number | undefined {
  const text = (units ?? 'byte * 2^20').replace(/\s+/g, ' ').trim();
  if (/^(byte \* 2\^20|MegaBytes|MB)$/i.test(text)) return 1;
  if (/^(byte \* 2\^30|GigaBytes|GB)$/i.test(text)) return 1024;
  return undefined;
}

/** The VM `xml` declares, or undefined when it is no OVF naming a VM with vCPUs and memory. */
export function readOvf(xml: string): VmDescriptor | undefined {
  const system = /<(?:ovf:)?VirtualSystem\b[^>]*>([\s\S]*?)<\/(?:ovf:)?VirtualSystem>/.exec(xml)?.[1];
  if (system === undefined) return undefined;
  const name = /<(?:ovf:)?Name>([^<]*)<\/(?:ovf:)?Name>/.exec(system)?.[1];
  const items = [...system.matchAll(/<(?:ovf:)?Item\b[^>]*>([\s\S]*?)<\/(?:ovf:)?Item>/g)].map((m) => m[1] ?? '');
  const tag = (body: string, rasd: string): string | undefined =>
    new RegExp(`<rasd:${rasd}>([^<]*)</rasd:${rasd}>`).exec(body)?.[1]?.trim();
  const ofType = (type: string) => items.find((body) => tag(body, 'ResourceType') === type);
  const cpu = ofType('3');
  const memory = ofType('4');
  const cpuCount = cpu === undefined ? NaN : Number(tag(cpu, 'VirtualQuantity'));
  const unit = memory === undefined ? undefined : mibPerUnit(tag(memory, 'AllocationUnits'));
  const memoryMb = memory === undefined || unit === undefined ? NaN : Number(tag(memory, 'VirtualQuantity')) * unit;
  if (name === undefined || !Number.isSafeInteger(cpuCount) || cpuCount <= 0 || !Number.isSafeInteger(memoryMb) || memoryMb <= 0)
    return undefined;
  return { name: unescapeXml(name).trim(), cpuCount, memoryMb };
}

/** A descriptor for a VM of this shape with these disk files. */
export function writeOvf(vm: VmDescriptor, disks: ReadonlyArray<{ name: string; size: number }>): Buffer {
  const name = escapeXml(vm.name);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"',
    '    xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">',
    '  <References>',
    ...disks.map((d, i) => `    <File ovf:href="${escapeXml(d.name)}" ovf:id="file${i + 1}" ovf:size="${d.size}"/>`),
    '  </References>',
    '  <DiskSection><Info>Virtual disk information</Info>',
    ...disks.map(
      (d, i) =>
        `    <Disk ovf:capacity="${d.size}" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk${i + 1}" ovf:fileRef="file${i + 1}"/>`,
    ),
    '  </DiskSection>',
    `  <VirtualSystem ovf:id="${name}"><Info>A virtual machine</Info><Name>${name}</Name>`,
    '    <VirtualHardwareSection><Info>Virtual hardware requirements</Info>',
    `      <Item><rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>${vm.cpuCount}</rasd:VirtualQuantity></Item>`,
    `      <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>${vm.memoryMb}</rasd:VirtualQuantity></Item>`,
    '    </VirtualHardwareSection>',
    '  </VirtualSystem>',
    '</Envelope>',
    '',
  ];
  return Buffer.from(xml.join('\n'), 'utf8');
}
