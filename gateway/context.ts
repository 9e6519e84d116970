/** What the gateway knows about one client request; passed to every data source. */
import type { Principal } from '../schema/principal';

export interface GatewayContext {
  readonly requestId: string;
  /** The authenticated caller (set by the auth step before any data source runs). */
  readonly principal: Principal;
}
