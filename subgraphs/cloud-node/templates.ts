/**
 * Templates as the cloud-node's resolvers answer them: an adapter's TemplateRecord
 * (native ids) as the SDL's Template, under its global id `<cloudId>:<native id>`.
 */
import type { TemplateRecord } from './adapters/content';
import { toGlobalId } from '../shared/ids';

/** The Template a resolver answers: every field read from one record (its `cloud` is the node's, resolved apart). */
export interface TemplateModel {
  id: string;
  name: string;
  catalog: string;
  sizeBytes: number;
  checksum: string | null;
  cpuCount: number;
  memoryMb: number;
}

export function templateModel(cloudId: string, record: TemplateRecord): TemplateModel {
  return {
    id: toGlobalId(cloudId, record.id),
    name: record.name,
    catalog: record.catalogName,
    sizeBytes: record.sizeBytes,
    checksum: record.sha256,
    cpuCount: record.cpuCount,
    memoryMb: record.memoryMb,
  };
}
