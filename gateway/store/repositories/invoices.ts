/** Invoices, keyed `inv-<tenantId>-<YYYY-MM>`: written while their month is CLOSING, frozen once it is CLOSED. */
import type { InvoiceRecord } from '../../billing/model';
import type { Collection, Filter } from '../collection';
import type { InvoiceRepository } from '../types';

export class CollectionInvoiceRepository implements InvoiceRepository {
  constructor(private readonly invoices: Collection<InvoiceRecord>) {}

  /**
   * Replace by id: a closer that resumes a month another closer left CLOSING rewrites
   * the same invoices. That the month is still CLOSING is the closer's check
   * (gateway/billing/invoices.ts): this collection does not know the periods.
   */
  async put(invoice: InvoiceRecord): Promise<void> {
    await this.invoices.upsertMany('id', [invoice]);
  }

  async get(id: string): Promise<InvoiceRecord | null> {
    return this.invoices.findOne({ id });
  }

  async list(filter: { tenantId?: string; month?: string }): Promise<InvoiceRecord[]> {
    const query: Filter = {};
    if (filter.tenantId !== undefined) query.tenantId = filter.tenantId;
    if (filter.month !== undefined) query.month = filter.month;
    return this.invoices.find(query, { sort: { month: -1, tenantId: 1 } });
  }
}
