import { BoundedQueue } from '../../gateway/events/queue';

describe("a subscriber's bounded queue", () => {
  it('hands items over in order to a waiting reader', async () => {
    const queue = new BoundedQueue<number>(3, () => undefined);
    const next = queue.next();
    queue.push(1);
    expect(await next).toEqual({ done: false, value: { value: 1, missed: 0 } });
  });

  it('drops the oldest items past its capacity and says how many with the next delivery', async () => {
    const queue = new BoundedQueue<number>(3, () => undefined);
    for (const n of [1, 2, 3, 4, 5]) queue.push(n);
    expect(queue.size).toBe(3);
    expect(await queue.next()).toEqual({ done: false, value: { value: 3, missed: 2 } });
    expect(await queue.next()).toEqual({ done: false, value: { value: 4, missed: 0 } });
    expect(await queue.next()).toEqual({ done: false, value: { value: 5, missed: 0 } });
  });

  it('cleans up once on return: waiting readers end, pushes are ignored, the owner is told', async () => {
    let closed = 0;
    const queue = new BoundedQueue<number>(3, () => closed++);
    const waiting = queue.next();
    await queue.return();
    await queue.return();
    queue.push(1);
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await queue.next()).toEqual({ done: true, value: undefined });
    expect({ closed, size: queue.size }).toEqual({ closed: 1, size: 0 });
  });
});
