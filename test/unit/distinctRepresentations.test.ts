import { distinctRepresentations, fanOutEntities, sendDistinct } from '../../gateway/routing/distinctRepresentations';
import type { GraphQLResult } from '../../gateway/routing/nodeClient';

const user = (id: string) => ({ __typename: 'User', id });

describe('distinct representations', () => {
  it('sends each distinct representation once, in order of first appearance', () => {
    const { distinct, positions } = distinctRepresentations([user('1'), user('2'), user('1'), user('3'), user('2')]);
    expect(distinct).toEqual([user('1'), user('2'), user('3')]);
    expect(positions).toEqual([0, 1, 0, 2, 1]);
  });

  it('answers every original position, each with an object of its own', async () => {
    const reps = [user('1'), user('2'), user('1'), user('1')];
    const sent: unknown[][] = [];
    const answer = (await sendDistinct(reps, async (distinct) => {
      sent.push([...distinct]);
      return { data: { _entities: distinct.map((r) => ({ id: (r as { id: string }).id, friends: [{ id: 'x' }] })) } };
    })) as GraphQLResult;
    expect(sent).toEqual([[user('1'), user('2')]]);
    const entities = answer.data!._entities as Array<{ id: string; friends: unknown[] }>;
    expect(entities.map((e) => e.id)).toEqual(['1', '2', '1', '1']);
    // The executor merges into what it gets: no two positions may share an object.
    expect(new Set(entities).size).toBe(4);
    expect(new Set(entities.map((e) => e.friends)).size).toBe(4);
    expect(entities[2]).toEqual(entities[0]);
  });

  it('reports an error on an entity at every position of that entity, and other errors once', () => {
    const reps = distinctRepresentations([user('1'), user('2'), user('1')]);
    const { errors } = fanOutEntities(
      reps,
      [null, { id: '2' }],
      [{ message: 'no such user', path: ['_entities', 0, 'name'] }, { message: 'subgraph is tired' }],
    );
    expect(errors).toEqual([
      { message: 'no such user', path: ['_entities', 0, 'name'] },
      { message: 'no such user', path: ['_entities', 2, 'name'] },
      { message: 'subgraph is tired' },
    ]);
  });

  it('leaves a fetch without duplicates as it was, and passes on a node that could not answer', async () => {
    const reps = [user('1'), user('2')];
    const seen: unknown[] = [];
    await sendDistinct(reps, async (sent) => (seen.push(sent), { data: { _entities: [] } }));
    expect(seen[0]).toBe(reps);
    const down = new Error('unreachable');
    expect(await sendDistinct([user('1'), user('1')], async () => down)).toBe(down);
  });

  it('passes on an _entities list of the wrong length, for the executor to refuse as before', async () => {
    const answer = { data: { _entities: [{ id: '1' }] } };
    const out = (await sendDistinct([user('1'), user('2'), user('1')], async () => answer)) as GraphQLResult;
    expect(out.data).toEqual(answer.data);
  });
});
