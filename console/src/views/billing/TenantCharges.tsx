/**
 * A tenant's own charges for the month: totals and per field, then each cloud with a
 * chart of what its cost is made of and, per VDC, the VM lines. The tenant asked for is the session's;
 * the gateway would answer another one as not found.
 */
import { useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { BarChart } from '../../components/BarChart';
import { Card } from '../../components/Page';
import { Loading } from '../../components/Progress';
import { Problems } from '../../components/Problems';
import { Figure, Ribbon } from '../../components/Ribbon';
import { formatCount, formatMoney, monthPeriod } from '../../format';
import type { BillingOwnChargesQuery } from '../../../generated/gql/graphql';
import { OwnChargesDocument } from './documents';
import { costOf, fieldLabel, fieldsCharged, monthName } from './fields';

type CloudCharges = NonNullable<BillingOwnChargesQuery['tenant']>['charges']['clouds'][number];

export function TenantCharges({ tenantId, month }: { tenantId: string; month: string }) {
  const period = useMemo(() => monthPeriod(month), [month]);
  const [{ data, error, fetching }] = useQuery({ query: OwnChargesDocument, variables: { id: tenantId, period } });
  const charges = data?.tenant?.charges;
  const currency = charges?.currency ?? 'USD';
  const money = useMemo(() => (n: number) => formatMoney(n, currency), [currency]);
  return (
    <section aria-labelledby="charges-title">
      <h2 id="charges-title">
        {data?.tenant?.name ?? tenantId}: charges, {monthName(month)}
      </h2>
      <Problems error={error} what="Some charges could not be read" />
      {fetching && !data ? <Loading what="charges" /> : null}
      {charges ? (
        <>
          <Ribbon>
            <Figure testId="charges-total" value={money(charges.total)} caption="total" />
            {charges.fields.map((f) => (
              <Figure key={f.field} value={money(f.cost)} caption={fieldLabel(f.field)} />
            ))}
          </Ribbon>
          {charges.clouds.length === 0 ? <p class="muted">No usage was metered in {monthName(month)}.</p> : null}
          <div class="billing-clouds">
            {charges.clouds.map((cloud) => (
              <CloudCard key={cloud.cloudId} cloud={cloud} money={money} month={month} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

function CloudCard({ cloud, money, month }: { cloud: CloudCharges; money: (n: number) => string; month: string }) {
  const name = cloud.cloud?.name ?? cloud.cloudId;
  const vms = cloud.vdcs.flatMap((vdc) => vdc.vms);
  const fields = fieldsCharged(vms.map((vm) => vm.fields));
  // What the cloud's cost is made of (short labels that fit under bars); the tables below give each VM's.
  const bars = useMemo(
    () => fields.map((field) => ({ label: fieldLabel(field), value: vms.reduce((sum, vm) => sum + costOf(vm.fields, field), 0) })),
    [cloud],
  );
  return (
    <Card title={name} testId={`cloud-${cloud.cloudId}`} aside={<strong data-testid="cloud-total">{money(cloud.total)}</strong>}>
      <BarChart title={`${name}: charges per field, ${monthName(month)}`} bars={bars} format={money} />
      {cloud.vdcs.map((vdc) => (
        <div
          class="table-wrap billing-vdc"
          key={vdc.vdcId}
          data-testid={`vdc-${vdc.vdcId}`}
          role="region"
          aria-label={`VDC ${vdc.vdc?.name ?? vdc.vdcId}`}
          tabIndex={0}
        >
          <table>
            <caption>
              VDC {vdc.vdc?.name ?? vdc.vdcId}: <span data-testid="vdc-total">{money(vdc.total)}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">VM</th>
                <th scope="col" class="number">
                  Hours
                </th>
                <th scope="col">Rate card</th>
                {fields.map((field) => (
                  <th scope="col" class="number" key={field}>
                    {fieldLabel(field)}
                  </th>
                ))}
                <th scope="col" class="number">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {vdc.vms.map((vm) => (
                <tr key={vm.vmId} data-testid={`vm-${vm.vmId}`}>
                  <th scope="row">{vm.vmName}</th>
                  <td class="number">{formatCount(vm.hours)}</td>
                  <td>{vm.rateCardName}</td>
                  {fields.map((field) => (
                    <td class="number" key={field}>
                      {money(costOf(vm.fields, field))}
                    </td>
                  ))}
                  <td class="number" data-testid="total">
                    {money(vm.total)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </Card>
  );
}
