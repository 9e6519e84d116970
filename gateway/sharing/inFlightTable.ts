/**
 * The in-flight table both kinds of sharing use (routing/inFlight.ts for node requests,
 * execution/sharedOperations.ts for whole operations): callers with one key while a
 * call is in flight share its answer, each with a copy of its own; a write lets
 * nothing in flight be joined; and the part of a principal an answer may depend on.
 */
import { accessScope, type Principal } from '../../schema/principal';

/** What an answer may depend on, of the principal it is made for (no node reads the subject). */
export function principalKey(principal: Principal): string {
  return `${principal.role}\u0000${accessScope(principal)}\u0000${principal.scope ? JSON.stringify(principal.scope) : ''}`;
}

interface Shared<T> {
  /** Callers so far; each takes the answer at its position. */
  joined: number;
  answers: Promise<T[]>;
}

export interface InFlightTable<T> {
  /** Send unless a call with this key is in flight; each caller gets its own copy of the one answer. */
  share(key: string, send: () => Promise<T>): Promise<T>;
  /**
   * Let nothing join what is in flight now: called as a write starts and as it ends, so a
   * read sent after a write never gets an answer that was begun before it.
   */
  forget(): void;
}

export function createInFlightTable<T>(copy: (answer: T) => T): InFlightTable<T> {
  const inFlight = new Map<string, Shared<T>>();
  const settled = (key: string, entry: Shared<T>) => {
    if (inFlight.get(key) === entry) inFlight.delete(key);
  };
  return {
    share(key, send) {
      let shared = inFlight.get(key);
      if (!shared) {
        const entry: Shared<T> = { joined: 0, answers: Promise.resolve([]) };
        entry.answers = send().then(
          (answer) => {
            settled(key, entry);
            // The first caller takes the answer itself; every later one a copy, made before any of them resumes.
            return [answer, ...Array.from({ length: entry.joined - 1 }, () => copy(answer))];
          },
          (err: unknown) => {
            settled(key, entry);
            throw err;
          },
        );
        inFlight.set(key, (shared = entry));
      }
      const position = shared.joined++;
      return shared.answers.then((answers) => answers[position]!);
    },
    forget: () => inFlight.clear(),
  };
}

/** Run `write`, with nothing in flight before or during it joinable by a read after it. */
export async function asWrite<T>(table: InFlightTable<unknown>, write: () => Promise<T>): Promise<T> {
  table.forget();
  try {
    return await write();
  } finally {
    table.forget();
  }
}
