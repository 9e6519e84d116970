/**
 * The task id of a mutation: chosen by the gateway before it sends the mutation to a
 * node, so that a client whose mutation timed out can still follow the task the node
 * started (the CLOUD_UNAVAILABLE error names it in `extensions.taskId`). The gateway
 * sends the native part (`task-<uuid>`) in `x-overcast-task-id`; the node uses it as
 * the native id of the task it starts, whose global id is then `<cloudId>:task-<uuid>`.
 *
 * Like `x-request-id` (./requestId.ts) it is not part of the request signature
 * (./signing.ts), and that is acceptable: it names a task, it grants nothing. Who may
 * start what is in the signed body and principal; a read of the task is checked like
 * any read. A forged or altered header could at worst make the gateway name an id the
 * node did not use (the client follows nothing: as if the answer were lost), never
 * reach another task: the node takes only a fresh random v4 UUID of this shape, and
 * makes its own id for anything else, an id it already has included.
 */
import { randomUUID } from 'node:crypto';

/** Request header from the gateway to a node: the native task id to use. */
export const TASK_ID_HEADER = 'x-overcast-task-id';

/** `task-` and a lower-case v4 UUID: random, so that ids say nothing about other tenants' operations. */
const NATIVE_TASK_ID = /^task-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A new native task id, `task-<uuid>`. */
export function newTaskId(): string {
  return `task-${randomUUID()}`;
}

/** The received header value when it is a native task id of the contract's shape, else undefined (absent, repeated, malformed). */
export function acceptTaskId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && NATIVE_TASK_ID.test(value) ? value : undefined;
}
