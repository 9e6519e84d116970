/**
 * One entity fetch asks for each distinct representation once. The query planner
 * sends one representation per position in the result tree, so an entity reached
 * along many paths (the same author under many reviews) is sent, resolved and
 * answered as many times as it appears: 75 representations with 15–20 distinct in
 * a deep query. Collapsed here, answered once, and fanned back out to every position.
 *
 * Apollo's executor merges each answered entity into the result tree in place
 * (`deepMerge` assigns the answer's nested objects by reference), so every position
 * past the first gets its own copy: two positions must never share an object that
 * a later fetch merges into.
 */
import type { GraphQLFormattedError } from 'graphql';
import { copyJson } from '../sharing/copyJson';
import type { GraphQLResult } from './nodeClient';

export interface DistinctRepresentations {
  /** Each distinct representation once, in order of first appearance. */
  distinct: unknown[];
  /** For each original position, the index of its representation in `distinct`. */
  positions: number[];
}

/** Collapse equal representations. Two are equal when they serialize alike (the planner builds them in selection order). */
export function distinctRepresentations(representations: readonly unknown[]): DistinctRepresentations {
  const index = new Map<string, number>();
  const distinct: unknown[] = [];
  const positions = representations.map((rep) => {
    const key = JSON.stringify(rep);
    let at = index.get(key);
    if (at === undefined) {
      at = distinct.length;
      index.set(key, at);
      distinct.push(rep);
    }
    return at;
  });
  return { distinct, positions };
}

/**
 * An answer for `distinct` as the answer for the original positions: each entity at
 * every position of its representation (a copy after the first), and each error on
 * `['_entities', j, …]` once per such position, as the subgraph would have reported it
 * had it resolved every copy. Errors on no entity stay as they are.
 */
export function fanOutEntities(
  { distinct, positions }: DistinctRepresentations,
  entities: readonly unknown[] | undefined,
  errors: readonly GraphQLFormattedError[] | undefined,
): { entities: unknown[] | undefined; errors: GraphQLFormattedError[] | undefined } {
  const seen = new Array<boolean>(distinct.length).fill(false);
  const fanned = entities
    ? positions.map((at) => {
        const entity = entities[at] ?? null;
        if (!seen[at]) {
          seen[at] = true;
          return entity;
        }
        return entity === null || typeof entity !== 'object' ? entity : copyJson(entity);
      })
    : undefined;
  if (!errors?.length) return { entities: fanned, errors: errors && [...errors] };
  const byDistinct = new Map<number, number[]>();
  positions.forEach((at, original) => {
    const list = byDistinct.get(at);
    if (list) list.push(original);
    else byDistinct.set(at, [original]);
  });
  const out: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const at = error.path?.[0] === '_entities' ? error.path[1] : undefined;
    const originals = typeof at === 'number' ? byDistinct.get(at) : undefined;
    if (!originals) {
      out.push(error);
      continue;
    }
    for (const original of originals) out.push({ ...error, path: ['_entities', original, ...error.path!.slice(2)] });
  }
  return { entities: fanned, errors: out };
}

/**
 * Send an entity fetch's representations through `send`, each distinct one once, and
 * answer for every original position. Anything but a GraphQL result (a node that
 * could not answer) is passed on; so is an `_entities` list of the wrong length,
 * which the executor refuses as it would have.
 */
export async function sendDistinct<Failure>(
  representations: readonly unknown[],
  send: (representations: readonly unknown[]) => Promise<GraphQLResult | Failure>,
): Promise<GraphQLResult | Failure> {
  const reps = distinctRepresentations(representations);
  if (reps.distinct.length === representations.length) return send(representations);
  const answer = await send(reps.distinct);
  if (!isResult(answer)) return answer;
  const entities = answer.data?._entities;
  const fanned = fanOutEntities(
    reps,
    Array.isArray(entities) && entities.length === reps.distinct.length ? entities : undefined,
    answer.errors,
  );
  return {
    ...('data' in answer ? { data: answer.data && fanned.entities ? { ...answer.data, _entities: fanned.entities } : answer.data } : {}),
    ...(fanned.errors ? { errors: fanned.errors } : {}),
  };
}

function isResult(answer: unknown): answer is GraphQLResult {
  return answer !== null && typeof answer === 'object' && !(answer instanceof Error) && ('data' in answer || 'errors' in answer);
}
