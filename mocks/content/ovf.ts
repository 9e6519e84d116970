/**
 * The OVF descriptors the mock clouds write and read: a small, deterministic OVF 1.x
 * envelope naming the VM (its VirtualSystem's Name), its vCPUs (rasd ResourceType 3),
 * its memory in MiB (ResourceType 4) and its disk files (References/File with
 * `ovf:size`). A Director cell parses a descriptor put to a template's upload URL and
 * then asks for the files it references, vCenter reads the shape back to deploy; the
 * mocks do the same with this subset.
 */

export interface OvfShape {
  name: string;
  cpuCount: number;
  memoryMb: number;
}

export interface OvfFile {
  name: string;
  size: number;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The descriptor of a VM of this shape with these disk files; the same input gives the same bytes. */
export function ovfDescriptor(shape: OvfShape, files: readonly OvfFile[]): Buffer {
  const name = escapeXml(shape.name);
  const refs = files.map((f, i) => `    <File ovf:href="${escapeXml(f.name)}" ovf:id="file${i + 1}" ovf:size="${f.size}"/>`);
  const disks = files.map(
    (f, i) =>
      `    <Disk ovf:capacity="${f.size}" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk${i + 1}" ovf:fileRef="file${i + 1}"/>`,
  );
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"',
    '    xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">',
    '  <References>',
    ...refs,
    '  </References>',
    '  <DiskSection><Info>Virtual disk information</Info>',
    ...disks,
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

/** What a descriptor declares, or undefined when it lacks a name, vCPUs, memory or a sized file. */
export function parseOvf(xml: string): (OvfShape & { files: OvfFile[] }) | undefined {
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
  const files: OvfFile[] = [];
  for (const ref of xml.matchAll(/<File\b([^>]*)\/?>/g)) {
    const attrs = ref[1] ?? '';
    const href = /ovf:href="([^"]*)"/.exec(attrs)?.[1];
    const size = Number(/ovf:size="(\d+)"/.exec(attrs)?.[1]);
    // A file name is a path segment of the transfer URL: nothing that climbs out of it.
    if (href === undefined || !/^[\w.-]+$/.test(unescapeXml(href)) || !Number.isSafeInteger(size)) return undefined;
    files.push({ name: unescapeXml(href), size });
  }
  const cpuCount = quantity(3);
  const memoryMb = quantity(4);
  if (name === undefined || cpuCount === undefined || memoryMb === undefined || files.length === 0) return undefined;
  return { name: unescapeXml(name), cpuCount, memoryMb, files };
}
