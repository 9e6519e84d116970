/**
 * Operators (provider admin, the billing role): every tenant's charges for the month,
 * as a chart and as a table with the cost of each chargeable field.
 */
import { useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { BarChart } from '../../components/BarChart';
import { Loading } from '../../components/Progress';
import { Problems } from '../../components/Problems';
import { Figure, Ribbon } from '../../components/Ribbon';
import { formatMoney, formatTime, monthPeriod } from '../../format';
import { TenantChargesDocument } from './documents';
import { costOf, fieldLabel, fieldsCharged, monthName } from './fields';

export function OperatorCharges({ month }: { month: string }) {
  const period = useMemo(() => monthPeriod(month), [month]);
  const [{ data, error, fetching }] = useQuery({ query: TenantChargesDocument, variables: { period } });
  const tenants = data?.tenants ?? [];
  const currency = tenants[0]?.charges.currency ?? 'USD';
  const money = useMemo(() => (n: number) => formatMoney(n, currency), [currency]);
  const bars = useMemo(() => tenants.map((t) => ({ label: t.name, value: t.charges.total })), [data]);
  const fields = fieldsCharged(tenants.map((t) => t.charges.fields));
  const total = tenants.reduce((sum, t) => sum + t.charges.total, 0);
  const state = data?.billingPeriods.find((p) => p.month === month);
  return (
    <section aria-labelledby="charges-title">
      <h2 id="charges-title">Charges per tenant, {monthName(month)}</h2>
      <Problems error={error} what="Some charges could not be read" />
      {fetching && !data ? <Loading what="charges" /> : null}
      {data ? (
        <>
          <Ribbon>
            <Figure testId="charges-total" value={money(total)} caption={`charged to ${tenants.length} tenants`} />
            <Figure
              testId="period-state"
              value={state ? (state.state === 'CLOSED' ? 'Closed' : 'Open') : 'No usage'}
              caption={state?.closedAt ? `invoiced ${formatTime(state.closedAt)}` : 'not invoiced yet'}
            />
          </Ribbon>
          <div class="billing-grid">
            <div data-testid="tenant-charges-chart">
              <BarChart title={`Charges per tenant, ${monthName(month)} (${currency})`} bars={bars} format={money} />
            </div>
            <div class="table-wrap" role="region" aria-label="Charges per tenant and field" tabIndex={0}>
              <table data-testid="tenant-charges">
                <caption class="visually-hidden">Charges per tenant and field, {monthName(month)}</caption>
                <thead>
                  <tr>
                    <th scope="col">Tenant</th>
                    <th scope="col" class="number">
                      Total
                    </th>
                    {fields.map((field) => (
                      <th scope="col" class="number" key={field}>
                        {fieldLabel(field)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {tenants.map((tenant) => (
                    <tr key={tenant.id} data-testid={`tenant-${tenant.id}`}>
                      <th scope="row">{tenant.name}</th>
                      <td class="number" data-testid="total">
                        {money(tenant.charges.total)}
                      </td>
                      {fields.map((field) => (
                        <td class="number" key={field}>
                          {money(costOf(tenant.charges.fields, field))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}
