/** The hub's ordered lanes: in order within a lane, a freed slot to the lane that waited, nothing lost on a failure. */
import { OrderedLanes } from '../../gateway/events/lanes';

/** A preparation the test settles by hand, noting when it started. */
function deferred(started: string[], name: string) {
  let resolve!: (value: string) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
  return { prepare: () => (started.push(name), promise), resolve: () => resolve(name), reject: (err: Error) => reject(err) };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ordered lanes', () => {
  it('finishes a lane in arrival order whatever order its preparations settle in, reporting a failure at once', async () => {
    const started: string[] = [];
    const finished: string[] = [];
    const lanes = new OrderedLanes({ perLane: 3, total: 3 }, (err) => finished.push(`error ${err.message}`));
    const items = ['a1', 'a2', 'a3'].map((name) => deferred(started, name));
    for (const item of items) lanes.add('a', item.prepare, (value) => finished.push(value));
    items[2]!.resolve();
    items[1]!.reject(new Error('a2 failed'));
    await settle();
    expect(finished).toEqual(['error a2 failed']);
    items[0]!.resolve();
    await settle();
    expect(finished).toEqual(['error a2 failed', 'a1', 'a3']);
    expect(lanes.size).toBe(0);
  });

  it('gives a freed slot to the lane that waited for one before the lane that freed it', async () => {
    const started: string[] = [];
    const lanes = new OrderedLanes({ perLane: 2, total: 2 }, () => undefined);
    const busy = ['a1', 'a2', 'a3', 'a4'].map((name) => deferred(started, name));
    for (const item of busy) lanes.add('a', item.prepare, () => undefined);
    const other = deferred(started, 'b1');
    lanes.add('b', other.prepare, () => undefined);
    expect(started).toEqual(['a1', 'a2']);
    busy[0]!.resolve();
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    busy[1]!.resolve();
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
  });
});
