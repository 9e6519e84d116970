/** How a node reaches one cloud API: every adapter and client is created with these. */
export interface ApiOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234`; a path in it prefixes every request. */
  baseUrl: string;
  /** The account the client logs in with; each API reads its own form (Director: `user@org`). */
  username: string;
  password: string;
  /** Per upstream request; a slower answer is a CLOUD_UNAVAILABLE error. */
  timeoutMs: number;
}
