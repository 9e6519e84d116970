/**
 * WebSocket close codes the gateway uses besides graphql-ws's own `CloseCode`
 * (4400, 4401, 4403, 4406, 4408, 4409, 4429, 4500, 4504; 4499 is its client's).
 * Clients read them here; the README says what each means.
 */
export const OvercastCloseCode = {
  /**
   * The socket left a keepalive ping unanswered for a whole interval. Not fatal to the
   * graphql-ws client (it retries), and a reconnection starts from live events: the reason
   * says how many events were still waiting for this socket when it was cut, when any were.
   */
  KeepaliveTimeout: 4410,
} as const;

export type OvercastCloseCode = (typeof OvercastCloseCode)[keyof typeof OvercastCloseCode];

/** The close reason of {@link OvercastCloseCode.KeepaliveTimeout}, with the events waiting undelivered at the cut. */
export function keepaliveTimeoutReason(undelivered: number): string {
  return undelivered > 0 ? `Keepalive timeout; ${undelivered} event${undelivered === 1 ? '' : 's'} undelivered` : 'Keepalive timeout';
}
