/**
 * The gateway-signed content routes of a cloud-node, for catalog sync and moves
 * (schema/transfers.ts): ensure a catalog, list a catalog's templates by its name,
 * rename and delete a template, delete a VM. Ids in paths are native ids.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { NodeRoutes } from '../../shared/serve';
import type { CloudAdapter } from '../adapters/types';
import { parseInput } from './httpErrors';
import { vdcScopeOf, visibleVm } from './validation';

const NameBody = z.object({ name: z.string().min(1).max(128) });
const IdParams = z.object({ id: z.string().min(1) });
const CatalogParams = z.object({ catalogName: z.string().min(1).max(128) });

export function registerContentRoutes(app: FastifyInstance, tools: NodeRoutes, adapter: CloudAdapter): void {
  const { content } = adapter;
  const signed = { preValidation: tools.requireSignature };

  app.post('/content/catalogs', signed, async (request) => content.ensureCatalog(parseInput(NameBody, request.body, 'catalog').name));

  // By name: the gateway knows a subscription's catalog by name in every cloud; a catalog that does not exist has no templates.
  app.get('/content/catalogs/:catalogName/templates', signed, async (request) => {
    const { catalogName } = parseInput(CatalogParams, request.params, 'catalog name');
    const catalog = (await content.listCatalogs()).find((c) => c.name === catalogName);
    return catalog ? content.listTemplates(catalog.id) : [];
  });

  app.post('/content/templates/:id/rename', signed, async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'template id');
    await content.renameTemplate(id, parseInput(NameBody, request.body, 'rename').name);
    return reply.code(204).send();
  });

  app.delete('/content/templates/:id', signed, async (request, reply) => {
    await content.deleteTemplate(parseInput(IdParams, request.params, 'template id').id);
    return reply.code(204).send();
  });

  app.delete('/content/vms/:id', signed, async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'VM id');
    const scope = vdcScopeOf(tools.principalOf(request));
    if (scope) await visibleVm(adapter, id, scope);
    await content.deleteVm(id);
    return reply.code(204).send();
  });
}
