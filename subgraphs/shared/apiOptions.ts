/** How a node reaches one cloud API: every adapter and client is created with these. */
export interface ApiOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234`; a path in it prefixes every request. */
  baseUrl: string;
  /**
   * The account the client logs in with; each API reads its own form (Director: `user@org`).
   * Empty for an OpenStack application credential, which names its own user.
   */
  username: string;
  password: string;
  /** Per upstream request; a slower answer is a CLOUD_UNAVAILABLE error. */
  timeoutMs: number;
  /** How the API's TLS certificate is trusted beyond Node's roots (self-signed appliances). */
  tls?: CloudTls;
}

/**
 * Trust for one API's certificate: a CA bundle added to Node's roots, or the
 * fingerprint of the one certificate to accept (vCenter, Cloud Director and
 * operations-manager appliances often serve self-signed ones).
 */
export interface CloudTls {
  /** PEM CA certificates, trusted in addition to Node's roots. */
  ca?: string;
  /**
   * SHA-256 (64 hex digits) or SHA-1 (40, vSphere's habit) fingerprint of the server's
   * certificate, upper-case hex with colons (`AB:CD:…`). When set, that certificate is
   * accepted whoever signed it, and no other.
   */
  thumbprint?: string;
}

/** A Cloud Director API client's options: the API version to speak, when pinned. */
export interface DirectorApiOptions extends ApiOptions {
  /** E.g. `37.2`; absent: negotiated from the cell's `GET /api/versions`. */
  apiVersion?: string;
}
