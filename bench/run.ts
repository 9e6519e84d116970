/**
 * `npm run bench [-- scenario …]`: run every benchmark scenario, or the ones named.
 * Never part of `npm test`. Each scenario prints its tables and writes JSON to
 * bench/results/; all of it runs on 127.0.0.1 and stops every process it started.
 *
 * Knobs (environment): BENCH_DURATION (s per measured run), BENCH_ROUNDS,
 * BENCH_WARMUP (s), BENCH_VERBOSE=1 (children's stderr); every knob: bench/lib/env.ts.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { machine } from './lib/report';
import { billing } from './scenarios/billing';
import { fanOut } from './scenarios/fanOut';
import { gatewayOverhead } from './scenarios/gatewayOverhead';
import { inventoryIndex } from './scenarios/inventoryIndex';
import { subscriptions } from './scenarios/subscriptions';
import { transfer } from './scenarios/transfer';

type Scenario = () => Promise<void>;

const SCENARIOS: Record<string, { about: string; run: Scenario }> = {
  'gateway-overhead': {
    about: 'Overcast vs plain Apollo and Hive Gateway over four subgraphs, shop and deep query shapes (supergraph mode)',
    run: gatewayOverhead,
  },
  'fan-out': {
    about: "a tenant's cumulative VDC and cross-cloud inventory over 1–100 simulated clouds",
    run: fanOut,
  },
  subscriptions: {
    about: 'delivery latency and throughput of vmEvents with 100 to 3,000 subscribers',
    run: subscriptions,
  },
  'inventory-index': {
    about: 'paging and filtering over 10k, 100k and 1M indexed VMs on the embedded store',
    run: inventoryIndex,
  },
  billing: {
    about: 'metering, charges and the FOCUS export of 1,000 VMs over a month of hourly records',
    run: billing,
  },
  transfer: {
    about: 'a 1 GiB disk copied node to node between two clouds: throughput, node memory, resume after a kill',
    run: transfer,
  },
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length || process.argv.includes('--help')) {
    console.log(`usage: npm run bench [-- ${Object.keys(SCENARIOS).join(' | ')} …]`);
    for (const [name, s] of Object.entries(SCENARIOS)) console.log(`  ${name.padEnd(18)} ${s.about}`);
    if (unknown.length) throw new Error(`unknown scenario: ${unknown.join(', ')}`);
    return;
  }
  const m = machine();
  console.log(`machine: ${m.nproc} × ${m.cpu}, Node ${m.node}, commit ${m.commit}`);
  for (const name of names.length ? names : Object.keys(SCENARIOS)) {
    const started = Date.now();
    console.log(`\n=== ${name} ===`);
    await SCENARIOS[name]!.run();
    console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error((err as Error).stack ?? String(err));
    process.exit(1);
  },
);
