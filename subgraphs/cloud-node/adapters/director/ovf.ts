/**
 * The OVF descriptor the adapter puts to a cell for an import, and what it reads
 * back from one it downloads: the VM's name, vCPUs (rasd ResourceType 3) and memory
 * in MiB (ResourceType 4), and its files. An import writes a descriptor of its own,
 * from the manifest, rather than the source's: the source cloud's descriptor need
 * not be one a Director cell accepts, and this one names exactly the files the
 * transfer carries.
 */
import type { VmDescriptor } from '../content';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

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

/** The VM a descriptor declares, or undefined when it lacks a name, vCPUs or memory. */
export function readOvf(xml: string): VmDescriptor | undefined {
  const name = /<VirtualSystem\b[^>]*>[\s\S]*?<Name>([^<]*)<\/Name>/.exec(xml)?.[1];
  const quantity = (type: number): number | undefined => {
    for (const item of xml.matchAll(/<Item>([\s\S]*?)<\/Item>/g)) {
      const body = item[1] ?? '';
      if (new RegExp(`<rasd:ResourceType>${type}</rasd:ResourceType>`).test(body)) {
        const value = Number(/<rasd:VirtualQuantity>(\d+)<\/rasd:VirtualQuantity>/.exec(body)?.[1]);
        return Number.isSafeInteger(value) && value > 0 ? value : undefined;
      }
    }
    return undefined;
  };
  const cpuCount = quantity(3);
  const memoryMb = quantity(4);
  return name === undefined || cpuCount === undefined || memoryMb === undefined
    ? undefined
    : { name: unescapeXml(name), cpuCount, memoryMb };
}
