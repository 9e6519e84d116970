/**
 * An sp-node's configuration, from the environment: validated once with zod
 * (defaults here only), then frozen; a bad value fails the start naming the variable.
 */
import { frozenCopy } from '../../schema/values';
import { z } from 'zod';
import type { ApiOptions, DirectorApiOptions } from '../shared/apiOptions';
import type { MetricsApiOptions } from './clients/types';
import { DirectorApiVersion, NodeEnv, Thumbprint, cloudTlsFrom, nodeBaseConfig, parseEnv, type NodeBaseConfig } from '../shared/nodeEnv';

const EnvSchema = z.object({
  ...NodeEnv,
  /** Cloud Director API (provider credentials). */
  DIRECTOR_API_URL: z.url(),
  DIRECTOR_USERNAME: z.string().min(1),
  DIRECTOR_PASSWORD: z.string().min(1),
  /** The API version (`37.2`); unset: negotiated from `GET /api/versions`. */
  DIRECTOR_API_VERSION: DirectorApiVersion.optional(),
  /** PEM CA bundle trusted for the director, in addition to Node's roots. */
  DIRECTOR_CA_FILE: z.string().min(1).optional(),
  /** Fingerprint (SHA-256 or SHA-1) of the director's certificate: accepted whoever signed it, and no other. */
  DIRECTOR_TLS_THUMBPRINT: Thumbprint.optional(),
  /** The cloud's metrics application (operations-manager style stats API). */
  METRICS_API_URL: z.url(),
  METRICS_USERNAME: z.string().min(1),
  METRICS_PASSWORD: z.string().min(1),
  /** The metrics application's authentication source for METRICS_USERNAME (an LDAP or SSO source's name); unset: local users. */
  METRICS_AUTH_SOURCE: z.string().min(1).optional(),
  METRICS_CA_FILE: z.string().min(1).optional(),
  METRICS_TLS_THUMBPRINT: Thumbprint.optional(),
});

export interface SpNodeConfig extends NodeBaseConfig {
  cloud: { id: string; name: string };
  director: DirectorApiOptions;
  metrics: MetricsApiOptions;
}

const optionalTls = (tls: ApiOptions['tls']) => (tls ? { tls } : {});

export function loadSpNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<SpNodeConfig> {
  const e = parseEnv(EnvSchema, env, 'sp-node');
  const timeoutMs = e.CLOUD_TIMEOUT_MS;
  return frozenCopy({
    cloud: { id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID },
    director: {
      baseUrl: e.DIRECTOR_API_URL,
      username: e.DIRECTOR_USERNAME,
      password: e.DIRECTOR_PASSWORD,
      timeoutMs,
      ...optionalTls(cloudTlsFrom(e.DIRECTOR_API_URL, e.DIRECTOR_CA_FILE, e.DIRECTOR_TLS_THUMBPRINT, 'DIRECTOR_CA_FILE')),
      ...(e.DIRECTOR_API_VERSION !== undefined ? { apiVersion: e.DIRECTOR_API_VERSION } : {}),
    },
    metrics: {
      baseUrl: e.METRICS_API_URL,
      username: e.METRICS_USERNAME,
      password: e.METRICS_PASSWORD,
      timeoutMs,
      ...optionalTls(cloudTlsFrom(e.METRICS_API_URL, e.METRICS_CA_FILE, e.METRICS_TLS_THUMBPRINT, 'METRICS_CA_FILE')),
      ...(e.METRICS_AUTH_SOURCE !== undefined ? { authSource: e.METRICS_AUTH_SOURCE } : {}),
    },
    ...nodeBaseConfig(e),
  });
}
