/**
 * Which images a Glance request may see: those its token's project owns, and public
 * ones (the project is recorded by the token check of glance.ts, per request).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { glanceError } from './glanceFaults';
import type { GlanceImage } from './images';
import type { NovaState } from './state';

/** The token's project of each request (set by the token check). */
export const projects = new WeakMap<FastifyRequest, string | undefined>();

/** The images the request's token may see, newest first (created_at, then id, descending: Glance's default sort). */
export function visibleImages(state: NovaState, request: FastifyRequest): GlanceImage[] {
  const project = projects.get(request);
  return [...state.images.values()]
    .filter((i) => i.owner === project || i.visibility === 'public')
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
}

export function findImage(state: NovaState, request: FastifyRequest, id: string): GlanceImage | undefined {
  const image = state.images.get(id);
  return image && (image.owner === projects.get(request) || image.visibility === 'public') ? image : undefined;
}

export const noImage = (request: FastifyRequest, reply: FastifyReply, id: string): FastifyReply =>
  glanceError(request, reply, 404, `No image found with ID ${id}`);
