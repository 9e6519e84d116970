/**
 * The shapes of Cloud Director content answers the adapter reads: entities
 * (vApp template, vApp, catalog item, catalog) and query records (adminCatalog,
 * adminVAppTemplate, adminOrgVdc, adminVM with its vApp), and the ids the
 * ContentAdapter uses: a catalog's uuid, a template's `vappTemplate-<uuid>`.
 */
import { taskSchema } from './tasks';
import { z } from 'zod';
import { directorAnswers } from '../../../shared/director/errors';
import { UUID_SOURCE } from '../../../shared/director/ids';

const linkSchema = z.object({ rel: z.string(), href: z.string() });
const linksSchema = z.array(linkSchema).nullish();

/** One `File` of a `Files` element. */
export const fileSchema = z.object({
  name: z.string(),
  size: z.number(),
  bytesTransferred: z.number().nullish(),
  checksum: z.string().nullish(),
  link: linksSchema,
});
export type DirectorFile = z.infer<typeof fileSchema>;

/** A vApp template or a vApp: status, files, tasks, links. */
export const entitySchema = z.object({
  href: z.string(),
  name: z.string(),
  status: z.number(),
  link: linksSchema,
  files: z.object({ file: z.array(fileSchema).nullish() }).nullish(),
  tasks: z.object({ task: z.array(taskSchema).nullish() }).nullish(),
});
export type DirectorEntity = z.infer<typeof entitySchema>;

export const catalogItemSchema = z.object({ href: z.string(), entity: z.object({ href: z.string() }) });
export const catalogSchema = z.object({ href: z.string(), name: z.string() });

export const catalogRecordSchema = z.object({ href: z.string(), name: z.string(), org: z.string().nullish() });
export const templateRecordSchema = z.object({
  href: z.string(),
  name: z.string(),
  catalog: z.string().nullish(),
  catalogName: z.string().nullish(),
  status: z.string(),
  numberOfCpus: z.number().nullish(),
  memoryAllocationMB: z.number().nullish(),
});
export type TemplateQueryRecord = z.infer<typeof templateRecordSchema>;

/** Figures of an adminOrgVdc record; a real record may leave any of them null or out. */
export const vdcCapacityRecordSchema = z.object({
  href: z.string(),
  org: z.string().nullish(),
  allocationModel: z.string().nullish(),
  memoryLimitMB: z.number().nullish(),
  memoryUsedMB: z.number().nullish(),
  storageLimitMB: z.number().nullish(),
  storageUsedMB: z.number().nullish(),
});

/** An adminVM record with its vApp (`container`). */
export const vmContainerRecordSchema = z.object({
  href: z.string(),
  name: z.string(),
  status: z.string(),
  vdc: z.string(),
  container: z.string(),
});

/** A cloudapi OrgVdc's org (`GET /cloudapi/1.0.0/vdcs/<urn>`). */
export const vdcOrgSchema = z.object({ org: z.object({ id: z.string() }) });

/** The System org, from the session's own record. */
export const sessionSchema = z.object({ org: z.object({ id: z.string(), name: z.string() }) });

/** The Task an action answers with. */
/** The `rel` link of an entity or a file, if it has one. */
export function linkOf(links: z.infer<typeof linksSchema>, rel: string): string | undefined {
  return links?.find((l) => l.rel === rel)?.href;
}

const UUID_AT_END = new RegExp(`(${UUID_SOURCE})$`, 'i');

/** The uuid an href ends with, else UPSTREAM_ERROR about `subject`. */
export function uuidIn(href: string | null | undefined, subject: string): string {
  const uuid = href ? UUID_AT_END.exec(href.replace(/\/$/, ''))?.[1] : undefined;
  if (uuid === undefined) throw directorAnswers.unexpected(subject);
  return uuid.toLowerCase();
}

/**
 * The request path of an entity href: from its `/api/` on. A cell writes hrefs with
 * its public URL, which behind a proxy need not be the configured one (tasks.ts).
 */
export function apiPath(href: string, subject: string): string {
  let path: string;
  try {
    path = new URL(href).pathname;
  } catch {
    throw directorAnswers.unexpected(subject);
  }
  const at = path.lastIndexOf('/api/');
  if (at < 0) throw directorAnswers.unexpected(subject);
  return path.slice(at);
}

export const TEMPLATE_ID = new RegExp(`^vappTemplate-(${UUID_SOURCE})$`, 'i');
export const templateIdOf = (uuid: string): string => `vappTemplate-${uuid}`;
export const templatePath = (uuid: string): string => `/api/vAppTemplate/vappTemplate-${uuid}`;
