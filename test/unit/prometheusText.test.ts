/** The strict exposition-format parser the /metrics tests read with (test/support/prometheus.ts) refuses what a scraper would. */
import { Counter, Histogram, Registry } from 'prom-client';
import { parsePrometheusText, sampleValue } from '../support/prometheus';

describe('the Prometheus text parser of the tests', () => {
  it("reads prom-client's own output, labels, escapes and histograms included", async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'c_total', help: 'a counter', labelNames: ['l'], registers: [registry] });
    const histogram = new Histogram({ name: 'h_seconds', help: 'a histogram', buckets: [0.1, 1], registers: [registry] });
    counter.inc({ l: 'quote " backslash \\ newline \n' }, 3);
    histogram.observe(0.5);
    histogram.observe(5);
    const families = parsePrometheusText(await registry.metrics());
    expect(families.get('c_total')).toMatchObject({ type: 'counter', help: 'a counter' });
    expect(sampleValue(families, 'c_total', { l: 'quote " backslash \\ newline \n' })).toBe(3);
    expect(sampleValue(families, 'h_seconds_bucket', { le: '1' })).toBe(1);
    expect(sampleValue(families, 'h_seconds_count')).toBe(2);
  });

  it.each([
    ['a sample before its TYPE', 'x 1\n'],
    ['a second TYPE', '# TYPE x gauge\n# TYPE x gauge\nx 1\n'],
    ['a bad metric name', '# TYPE 1x gauge\n'],
    ['a bad escape', '# TYPE x gauge\nx{a="\\t"} 1\n'],
    ['an unquoted label value', '# TYPE x gauge\nx{a=1} 1\n'],
    ['a value that is no float', '# TYPE x gauge\nx 1,5\n'],
    ['a duplicate series', '# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2\n'],
    ['buckets that are not cumulative', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'],
    ['a +Inf bucket that is not the count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
