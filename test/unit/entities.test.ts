import { entityWithoutInstance, partitionRepresentations, reassembleEntities } from '../../gateway/routing/entities';

const reps = [
  { __typename: 'VirtualMachine', id: 'a:vm-1' },
  { __typename: 'VirtualMachine', id: 'b:urn:vm:2' },
  { __typename: 'VirtualMachine', id: 'a:vm-3' },
  { __typename: 'VirtualMachine', id: 'not a valid id' },
  { __typename: 'Cloud', id: 'b' },
];

describe('entity routing', () => {
  it("partitions representations by cloudId, keeping each one's original position", () => {
    const partitions = partitionRepresentations(reps);
    expect(partitions.map((p) => [p.cloudId, p.indexes])).toEqual([
      ['a', [0, 2]],
      ['b', [1, 4]],
    ]);
    expect(partitions[1]!.representations).toEqual([reps[1], reps[4]]);
  });

  it('reassembles answers in the original order, with null where no cloud answered', () => {
    const [a, b] = partitionRepresentations(reps);
    const { entities, errors } = reassembleEntities(reps.length, [
      { partition: b!, entities: [{ name: 'two' }, { name: 'cloud b' }] },
      { partition: a!, entities: [{ name: 'one' }, { name: 'three' }] },
    ]);
    expect(entities).toEqual([{ name: 'one' }, { name: 'two' }, { name: 'three' }, null, { name: 'cloud b' }]);
    expect(errors).toEqual([]);
  });

  it('leaves a failed partition null and maps its error paths to original positions', () => {
    const [a, b] = partitionRepresentations(reps);
    const { entities, errors } = reassembleEntities(reps.length, [
      { partition: a!, entities: [{ name: 'one' }, null], errors: [{ message: 'gone', path: ['_entities', 1, 'name'] }] },
      { partition: b!, errors: [{ message: 'b is down', path: ['_entities', 1] }] },
    ]);
    expect(entities).toEqual([{ name: 'one' }, null, null, null, null]);
    expect(errors.map((e) => e.path)).toEqual([
      ['_entities', 2, 'name'],
      ['_entities', 4],
    ]);
  });

  it('answers an entity of a cloud without an instance of the kind with its asked fields null', () => {
    const shapes = new Map([['VirtualMachine', ['org', 'o2']]]);
    expect(entityWithoutInstance({ __typename: 'VirtualMachine', id: 'a:vm-1' }, shapes)).toEqual({
      __typename: 'VirtualMachine',
      org: null,
      o2: null,
    });
    expect(entityWithoutInstance({ __typename: 'Cloud', id: 'a' }, shapes)).toEqual({ __typename: 'Cloud' });
  });
});
