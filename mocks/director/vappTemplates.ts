/**
 * vApp templates: `GET /api/vAppTemplate/vappTemplate-<uuid>` (status, Files,
 * Tasks, the catalog item above it, the VM inside it), `DELETE` (a Task; its
 * transfer URLs answer 404 from then on), and
 * `POST .../action/enableDownload` (a Task running for the operation time, after
 * which each File has a `download:default` link and the template one to its
 * descriptor) and `POST .../action/disableDownload` (204).
 *
 * Missing templates answer 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN, as vms.ts explains.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DESCRIPTOR_NAME, link, renderFile, transferHref } from './contentFiles';
import { TEMPLATE_STATUS, type ContentFile, type ContentState, type VAppTemplate } from './contentState';
import type { ContentTask, EntityRef } from './contentTasks';
import { sendLegacyError } from './errors';
import { baseUrl } from './hrefs';
import { versionOf } from './versions';

export const TEMPLATE_TYPE = 'application/vnd.vmware.vcloud.vAppTemplate+json';

export const templatePath = (t: VAppTemplate): string => `/api/vAppTemplate/vappTemplate-${t.uuid}`;
export const catalogItemPath = (t: VAppTemplate): string => `/api/catalogItem/${t.itemUuid}`;
export const templateRef = (t: VAppTemplate): EntityRef => ({
  href: templatePath(t),
  id: `urn:vcloud:vapptemplate:${t.uuid}`,
  type: TEMPLATE_TYPE,
  name: t.name,
});

/** Show `task` in the template's Tasks (the ones still running are kept). */
export function track(t: VAppTemplate, task: ContentTask): ContentTask {
  t.tasks = [...t.tasks.filter((other) => other.status === 'running'), task];
  return task;
}

/** Its files once the descriptor is in: the descriptor, then the disks. */
export function filesOf(t: VAppTemplate): ContentFile[] {
  return t.descriptor ? [{ name: DESCRIPTOR_NAME, store: t.descriptor }, ...t.disks] : [];
}

/** The 403 a cell answers for an entity that does not exist (or that the caller may not see). */
export function sendMissing(reply: FastifyReply, what: string): FastifyReply {
  return sendLegacyError(
    reply,
    403,
    'ACCESS_TO_RESOURCE_IS_FORBIDDEN',
    `[ ${randomUUID()} ] The VMware Cloud Director entity ${what} does not exist.`,
  );
}

export const legacyType = (request: FastifyRequest, type: string): string => `${type};version=${versionOf(request)}`;

async function renderFiles(base: string, t: VAppTemplate): Promise<unknown> {
  let file: unknown[];
  if (!t.descriptor) {
    // Nothing known of the OVF yet: the cell waits for its descriptor.
    file = t.upload
      ? [
          {
            otherAttributes: {},
            href: null,
            id: null,
            type: null,
            name: DESCRIPTOR_NAME,
            size: -1,
            bytesTransferred: 0,
            checksum: null,
            link: [link('upload:default', transferHref(base, t.upload, DESCRIPTOR_NAME))],
          },
        ]
      : [];
  } else {
    file = await Promise.all(
      filesOf(t).map((f) => {
        if (t.upload && f.store.received() < f.store.size) return renderFile(base, f, { uuid: t.upload, rel: 'upload:default' });
        return renderFile(base, f, t.download ? { uuid: t.download, rel: 'download:default' } : undefined);
      }),
    );
  }
  return { otherAttributes: {}, link: [], file };
}

/** The VAppTemplate body. */
export async function renderTemplate(base: string, t: VAppTemplate, state: ContentState): Promise<Record<string, unknown>> {
  const href = base + templatePath(t);
  const links = [
    link('up', base + catalogItemPath(t), 'application/vnd.vmware.vcloud.catalogItem+json'),
    link('catalogItem', base + catalogItemPath(t), 'application/vnd.vmware.vcloud.catalogItem+json'),
    link('remove', href),
  ];
  if (t.status === TEMPLATE_STATUS.RESOLVED) {
    links.push(t.download ? link('disable', `${href}/action/disableDownload`) : link('enable', `${href}/action/enableDownload`));
  }
  if (t.download) links.push(link('download:default', transferHref(base, t.download, DESCRIPTOR_NAME)));
  const running = t.tasks.filter((task) => task.status === 'running');
  return {
    otherAttributes: {},
    link: links,
    href,
    type: TEMPLATE_TYPE,
    id: templateRef(t).id,
    name: t.name,
    description: t.description,
    status: t.status,
    ovfDescriptorUploaded: t.descriptor !== undefined,
    goldMaster: false,
    dateCreated: t.created,
    files: await renderFiles(base, t),
    tasks: running.length ? { otherAttributes: {}, link: [], task: running.map((task) => state.tasks.render(base, task)) } : null,
    children: t.shape
      ? {
          otherAttributes: {},
          link: [],
          vm: [
            {
              otherAttributes: {},
              link: [],
              name: t.shape.name,
              vmSpecSection: { numCpus: t.shape.cpuCount, memoryResourceMb: { configured: t.shape.memoryMb } },
            },
          ],
        }
      : null,
  };
}

/** Answer 202 with `task`, as a cell answers an action it carries out as a task. */
export function sendTask(request: FastifyRequest, reply: FastifyReply, state: ContentState, task: ContentTask): FastifyReply {
  const base = baseUrl(request);
  return reply
    .code(202)
    .header('Location', `${base}/api/task/${task.uuid}`)
    .type(legacyType(request, 'application/vnd.vmware.vcloud.task+json'))
    .send(state.tasks.render(base, task));
}

/** Register the template routes over `state`. */
export function registerVAppTemplates(app: FastifyInstance, state: ContentState): void {
  type Params = { Params: { id: string } };

  app.get<Params>('/api/vAppTemplate/vappTemplate-:id', async (request, reply) => {
    const t = state.findTemplate(request.params.id);
    if (!t) return sendMissing(reply, `vappTemplate-${request.params.id}`);
    return reply.type(legacyType(request, TEMPLATE_TYPE)).send(await renderTemplate(baseUrl(request), t, state));
  });

  app.delete<Params>('/api/vAppTemplate/vappTemplate-:id', async (request, reply) => {
    const t = state.findTemplate(request.params.id);
    if (!t) return sendMissing(reply, `vappTemplate-${request.params.id}`);
    const task = state.tasks.timed(
      'vdcDeleteTemplate',
      `Deleting Virtual Application Template ${t.name}(${t.uuid})`,
      templateRef(t),
      () => {
        void state.removeTemplate(t);
      },
    );
    return sendTask(request, reply, state, track(t, task));
  });

  app.post<Params>('/api/vAppTemplate/vappTemplate-:id/action/enableDownload', async (request, reply) => {
    const t = state.findTemplate(request.params.id);
    if (!t) return sendMissing(reply, `vappTemplate-${request.params.id}`);
    if (t.status !== TEMPLATE_STATUS.RESOLVED) {
      return sendLegacyError(
        reply,
        400,
        'BAD_REQUEST',
        `The requested operation could not be executed since vApp template "${t.name}" is not resolved.`,
      );
    }
    const task = state.tasks.timed(
      'vdcEnableDownload',
      `Enabling download of Virtual Application Template ${t.name}(${t.uuid})`,
      templateRef(t),
      () => {
        if (t.download || !state.templates.includes(t)) return;
        t.download = randomUUID();
        state.transfers.set(t.download, { kind: 'download', files: () => filesOf(t) });
      },
    );
    return sendTask(request, reply, state, track(t, task));
  });

  app.post<Params>('/api/vAppTemplate/vappTemplate-:id/action/disableDownload', async (request, reply) => {
    const t = state.findTemplate(request.params.id);
    if (!t) return sendMissing(reply, `vappTemplate-${request.params.id}`);
    if (t.download) state.transfers.delete(t.download);
    t.download = undefined;
    return reply.code(204).send();
  });
}
