import { RateWindow } from '../../subgraphs/cloud-node/transfers/progress';
import { backoffDelay } from '../../subgraphs/cloud-node/transfers/retry';

describe('the rate a transfer reports', () => {
  test('is the bytes of the window over its length once the window has been full', () => {
    const rate = new RateWindow(4000);
    for (let t = 0; t <= 8000; t += 1000) rate.add(1000, t);
    // Samples at 5000..8000 are inside (4000, 8000]: 4000 bytes over 4 s.
    expect(rate.rate(8000)).toBe(1000);
  });

  test('falls when chunks stop coming, to 0 once the window holds none', () => {
    const rate = new RateWindow(4000);
    for (let t = 0; t <= 4000; t += 1000) rate.add(1000, t);
    expect(rate.rate(6000)).toBe(500);
    expect(rate.rate(8000)).toBe(0);
  });

  test('early on is over the time since the first chunk, but at least a second', () => {
    const rate = new RateWindow(5000);
    rate.add(4096, 0);
    expect(rate.rate(10)).toBe(4096);
    rate.add(4096, 1000);
    expect(rate.rate(2000)).toBe(4096);
  });

  test('a window that is not a positive length is refused', () => {
    expect(() => new RateWindow(0)).toThrow(RangeError);
  });
});

describe('the backoff of a source out of reach', () => {
  test('doubles from the first delay and stays at the cap', () => {
    const policy = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 5, 100].map((attempt) => backoffDelay(attempt, policy))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });
});
