import { EventLog, type NodeEventInput } from '../../subgraphs/shared/events';

const task = (n: number): NodeEventInput => ({
  kind: 'task',
  task: { id: `dc-east:task-${n}`, operation: 'POWER_ON', vmId: 'dc-east:vm-1', state: 'RUNNING', progress: 0 },
});

describe('node event log', () => {
  it('numbers events from 1 per node, with ids `<cloudId>/<kind>@<epoch>#<seq>`, time and cloud', () => {
    const log = new EventLog({ cloudId: 'dc-east', now: () => new Date(0) });
    expect(log.lastSeq).toBe(0);
    expect(log.append(task(1))).toEqual({
      id: `dc-east/cloud-node@${log.epoch}#1`,
      seq: 1,
      at: '1970-01-01T00:00:00.000Z',
      cloudId: 'dc-east',
      ...task(1),
    });
    expect(log.append(task(2)).id).toBe(`dc-east/cloud-node@${log.epoch}#2`);
    const sp = new EventLog({ cloudId: 'vcd-nl', nodeKind: 'sp-node' });
    expect(sp.append(task(1)).id).toBe(`vcd-nl/sp-node@${sp.epoch}#1`);
  });

  it('keeps the last `capacity` events and answers those after a seq', () => {
    const log = new EventLog({ cloudId: 'dc-east', capacity: 3 });
    for (let n = 1; n <= 5; n++) log.append(task(n));
    expect(log.firstSeq).toBe(3);
    expect(log.since(0).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.since(3).map((e) => e.seq)).toEqual([4, 5]);
    expect(log.since(5)).toEqual([]);
    expect(log.since(99)).toEqual([]);
  });

  it('tells live listeners in order, and a failing one keeps no event from the others', () => {
    const log = new EventLog({ cloudId: 'dc-east' });
    const seen: number[] = [];
    log.subscribe(() => {
      throw new Error('listener failure');
    });
    const stop = log.subscribe((event) => seen.push(event.seq));
    log.append(task(1));
    stop();
    log.append(task(2));
    expect(seen).toEqual([1]);
    expect(log.listenerCount).toBe(1);
  });

  it('has a new epoch per log: a restarted node is told apart', () => {
    expect(new EventLog({ cloudId: 'dc-east' }).epoch).not.toBe(new EventLog({ cloudId: 'dc-east' }).epoch);
  });
});
