/**
 * Content operations on a cloud through its cloud-node, for the catalog service
 * (gateway/transfers/types.ts `NodeContent`). Errors are NodeRouteErrors: NOT_FOUND
 * for a cloud with no node, the node's own code otherwise.
 */
import { ErrorCode } from '../../schema/errorCodes';
import type { NodeInstance, NodeRegistry } from '../registry';
import { NodeRouteError, type NodeRoutes } from './nodeRoutes';
import type { NodeContent, NodeTemplate } from './types';

export function createNodeContent(registry: Pick<NodeRegistry, 'find'>, routes: NodeRoutes): NodeContent {
  const nodeOf = (cloudId: string): NodeInstance => {
    const node = registry.find('cloud-node', cloudId);
    if (!node) throw new NodeRouteError(ErrorCode.NOT_FOUND, `Cloud "${cloudId}" not found`);
    return node;
  };
  return {
    ensureCatalog: (cloudId, name) => routes.ensureCatalog(nodeOf(cloudId), name),
    listTemplates: (cloudId, catalogName): Promise<NodeTemplate[]> => routes.listTemplates(nodeOf(cloudId), catalogName),
    renameTemplate: (cloudId, nativeId, name) => routes.renameTemplate(nodeOf(cloudId), nativeId, name),
    deleteTemplate: (cloudId, nativeId) => routes.deleteTemplate(nodeOf(cloudId), nativeId),
  };
}
