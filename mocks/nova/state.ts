/**
 * Shared state of one simulated OpenStack account: the seed cloud it serves,
 * issued tokens, and the optional "transitional" view of power operations.
 */
import { randomBytes } from 'node:crypto';
import type { SeedCloud } from '../seed';

/** Token lifetime keystone uses by default (one hour). */
const TOKEN_TTL_MS = 60 * 60 * 1000;

/** Fixed ids so responses are deterministic across runs. */
export const PROJECT = { id: '5f0a1b2c3d4e4f60a1b2c3d4e5f60718', name: 'overcast' } as const;
export const USER = { id: '9a8b7c6d5e4f40312a3b4c5d6e7f8091', name: 'admin' } as const;
export const DOMAIN = { id: 'default', name: 'Default' } as const;

export interface IssuedToken {
  token: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** A power operation still "in progress" as far as GET /servers/{id} shows. */
export interface PendingTask {
  taskState: 'powering-on' | 'powering-off' | 'suspending' | 'resuming';
  /** The status shown until the task settles (the state before the action). */
  shownStatus: SeedCloud['vms'][number]['powerState'];
  /** GETs of the server left before it shows the new state. */
  remainingReads: number;
}

export interface NovaState {
  readonly cloud: SeedCloud;
  /** Service root (`http://127.0.0.1:port`), known once the server listens. */
  baseUrl: string;
  readonly tokens: Map<string, IssuedToken>;
  /** Reads a power operation stays transitional for (0 = settles immediately). */
  transitionReads: number;
  readonly pending: Map<string, PendingTask>;
  /** `updated` timestamps of servers changed since start. */
  readonly updated: Map<string, string>;
}

export function createState(cloud: SeedCloud): NovaState {
  return { cloud, baseUrl: '', tokens: new Map(), transitionReads: 0, pending: new Map(), updated: new Map() };
}

/** Issue a fernet-looking token. */
export function issueToken(state: NovaState): IssuedToken {
  const issuedAt = new Date();
  const issued: IssuedToken = {
    token: `gAAAAAB${randomBytes(48).toString('base64url')}`,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + TOKEN_TTL_MS),
  };
  state.tokens.set(issued.token, issued);
  return issued;
}

export function isTokenValid(state: NovaState, token: string | string[] | undefined): boolean {
  if (typeof token !== 'string') return false;
  const issued = state.tokens.get(token);
  return issued !== undefined && issued.expiresAt.getTime() > Date.now();
}

/** Compute endpoint URL as published in the catalog. */
export function computeUrl(state: NovaState): string {
  return `${state.baseUrl}/compute/v2.1`;
}

/** Nova's timestamp format: ISO 8601 to the second, `Z` suffix. */
export function novaTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
