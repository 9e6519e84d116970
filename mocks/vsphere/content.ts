/**
 * The content library of the mock vCenter, wired in one place: libraries and items
 * (./contentLibrary.ts), update sessions (./contentUpload.ts), download sessions
 * (./contentDownload.ts), OVF capture and deploy (./contentOvf.ts), over one state
 * (./contentState.ts) seeded with the cloud's template library.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeedCloud } from '../seed';
import type { Faults } from '../server';
import { registerDownloadRoutes } from './contentDownload';
import { registerLibraryRoutes } from './contentLibrary';
import { registerOvfRoutes } from './contentOvf';
import { createContentState, type ContentState } from './contentState';
import { DATA_PREFIX, registerUploadRoutes } from './contentUpload';
import { sendUnauthenticated } from './errors';

export interface ContentOptions {
  /** Whether the request carries a live `vmware-api-session-id`. */
  authenticated: (request: FastifyRequest) => boolean;
  /** Bytes of every seeded disk. */
  diskBytes?: number;
}

/** Register the content routes; the stored uploads are removed when the app closes. */
export function registerContentRoutes(
  app: FastifyInstance,
  cloud: SeedCloud,
  faults: Readonly<Faults>,
  options: ContentOptions,
): ContentState {
  const state = createContentState(cloud, options.diskBytes);
  // The transfer endpoints are outside `/api` but, as in vCenter, need the session too.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(DATA_PREFIX) && !options.authenticated(request)) return sendUnauthenticated(reply);
    return undefined;
  });
  app.addHook('onClose', async () => state.store.close());
  registerLibraryRoutes(app, state);
  registerUploadRoutes(app, state, faults);
  registerDownloadRoutes(app, state, faults);
  registerOvfRoutes(app, cloud, state, faults);
  return state;
}
