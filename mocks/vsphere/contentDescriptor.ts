/**
 * The OVF descriptor (`descriptor.ovf`) of the mock's library items: a small,
 * deterministic OVF 1.x envelope naming the VM, its vCPUs (rasd ResourceType 3) and
 * memory in MiB (ResourceType 4), and its one disk file. Deploy reads the shape back
 * from it, as vCenter's OVF parser does.
 */

export interface OvfShape {
  name: string;
  cpuCount: number;
  memoryMb: number;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The descriptor of a VM of this shape whose disk file is `disk-0.vmdk` of `diskBytes` bytes. */
export function ovfDescriptor(shape: OvfShape, diskBytes: number): Buffer {
  const name = escapeXml(shape.name);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"',
    '    xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">',
    `  <References><File ovf:href="disk-0.vmdk" ovf:id="file1" ovf:size="${diskBytes}"/></References>`,
    '  <DiskSection><Info>Virtual disk information</Info>',
    `    <Disk ovf:capacity="${diskBytes}" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk1" ovf:fileRef="file1"/>`,
    '  </DiskSection>',
    `  <VirtualSystem ovf:id="${name}"><Info>A virtual machine</Info><Name>${name}</Name>`,
    '    <VirtualHardwareSection><Info>Virtual hardware requirements</Info>',
    `      <Item><rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits><rasd:ElementName>${shape.cpuCount} virtual CPU(s)</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>${shape.cpuCount}</rasd:VirtualQuantity></Item>`,
    `      <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>${shape.memoryMb}MB of memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>${shape.memoryMb}</rasd:VirtualQuantity></Item>`,
    '    </VirtualHardwareSection>',
    '  </VirtualSystem>',
    '</Envelope>',
    '',
  ];
  return Buffer.from(xml.join('\n'), 'utf8');
}

/** The shape an OVF descriptor declares, or undefined when it declares no name, vCPUs or memory. */
export function parseOvf(xml: string): OvfShape | undefined {
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
  if (name === undefined || cpuCount === undefined || memoryMb === undefined) return undefined;
  return { name: unescapeXml(name), cpuCount, memoryMb };
}
