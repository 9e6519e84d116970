/** What the gateway knows about one client request; passed to every data source. */
export interface GatewayContext {
  /** Reserved for the authenticated principal (security issue). */
  readonly requestId: string;
}
