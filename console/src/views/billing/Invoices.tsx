/**
 * The month's frozen invoices, each with its lines behind a disclosure. Only a closed
 * month has invoices: an open one says so rather than showing an empty table.
 */
import { useQuery } from '@urql/preact';
import { Loading } from '../../components/Progress';
import { Problems } from '../../components/Problems';
import { formatCount, formatMoney, formatTime } from '../../format';
import type { BillingInvoicesQuery } from '../../../generated/gql/graphql';
import { InvoicesDocument } from './documents';
import { fieldLabel, monthName, unitLabel } from './fields';

type Invoice = BillingInvoicesQuery['invoices'][number];

const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function Invoices({ month, operator }: { month: string; operator: boolean }) {
  const [{ data, error, fetching }] = useQuery({ query: InvoicesDocument, variables: { month } });
  const invoices = data?.invoices ?? [];
  return (
    <section aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoices, {monthName(month)}</h2>
      <Problems error={error} what="The invoices could not be read" />
      {fetching && !data ? <Loading what="invoices" /> : null}
      {data && invoices.length === 0 ? (
        <p class="notice" data-testid="no-invoices">
          No invoices for {monthName(month)}: invoices are issued when the provider closes a month that has ended
          {operator ? ' (closeBillingPeriod)' : ''}. Until then the charges above are what has been metered so far.
        </p>
      ) : null}
      {invoices.length > 0 ? (
        <ul class="invoices" data-testid="invoices">
          {invoices.map((invoice) => (
            <InvoiceItem key={invoice.id} invoice={invoice} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function InvoiceItem({ invoice }: { invoice: Invoice }) {
  const money = (n: number) => formatMoney(n, invoice.currency);
  return (
    <li class="invoice" data-testid={`invoice-${invoice.id}`}>
      <details>
        <summary>
          <span class="invoice-head">
            <span class="invoice-tenant">{invoice.tenant?.name ?? invoice.tenantId}</span>{' '}
            <span class="invoice-total" data-testid="invoice-total">
              {money(invoice.total)}
            </span>{' '}
            <span class="muted">
              <span class="nowrap">{invoice.id}</span> · issued {formatTime(invoice.issuedAt)} · {formatCount(invoice.lines.length)} lines
            </span>
          </span>
        </summary>
        {invoice.lines.length === 0 ? (
          <p class="muted">No usage this month: nothing to charge.</p>
        ) : (
          <div class="table-wrap" role="region" aria-label={`Lines of invoice ${invoice.id}`} tabIndex={0}>
            <table>
              <caption class="visually-hidden">Lines of invoice {invoice.id}</caption>
              <thead>
                <tr>
                  <th scope="col">VM</th>
                  <th scope="col">Field</th>
                  <th scope="col">Kind</th>
                  <th scope="col" class="number">
                    Hours
                  </th>
                  <th scope="col" class="number">
                    Quantity
                  </th>
                  <th scope="col" class="number">
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {invoice.lines.map((line) => (
                  <tr key={`${line.kind}|${line.month}|${line.vdcId}|${line.vmId}|${line.field}`}>
                    <th scope="row">
                      {line.vmName} <span class="muted">{line.cloudId}</span>
                    </th>
                    <td>{fieldLabel(line.field)}</td>
                    <td>{line.kind === 'CORRECTION' ? `Correction for ${line.month}` : 'Usage'}</td>
                    <td class="number">{formatCount(line.hours)}</td>
                    <td class="number">
                      {quantity.format(line.quantity)} {unitLabel(line.unit)}
                    </td>
                    <td class="number">{money(line.cost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </li>
  );
}
