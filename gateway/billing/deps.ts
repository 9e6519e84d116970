/** What the billing subgraph's resolvers work with. */
import type { Store } from '../store/types';
import type { TenantDirectory } from '../tenancy/directory';
import type { UsageMeter } from './meter';

export interface BillingDeps {
  store: Pick<Store, 'usage' | 'rateCards' | 'invoices' | 'billingPeriods' | 'meteredHours'>;
  directory: TenantDirectory;
  meter: Pick<UsageMeter, 'run' | 'gaps'>;
  /** The first metered hour: billing periods are listed from its month on. */
  meterFrom: Date;
  now: () => Date;
}
