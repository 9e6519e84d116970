/**
 * Billing (`#/billing?month=YYYY-MM`, the previous calendar month by default): the
 * month's charges (every tenant's for operators and the billing role, one's own for a
 * tenant), its invoices, and the FOCUS export. The billing role has this view only.
 */
import { useState } from 'preact/hooks';
import { Page } from '../components/Page';
import { useSession } from '../context';
import { useRoute } from '../router';
import { isOperator } from '../session';
import { FocusExport } from './billing/FocusExport';
import { Invoices } from './billing/Invoices';
import { MonthPicker, routeMonth } from './billing/MonthPicker';
import { OperatorCharges } from './billing/OperatorCharges';
import { TenantCharges } from './billing/TenantCharges';
import './billing.css';

export function Billing() {
  const { session } = useSession();
  const { query } = useRoute();
  const month = routeMonth(query);
  // Charges grow as the meter collects hours, and invoices appear when a month is closed: a re-read on demand.
  const [reads, setReads] = useState(0);
  const operator = isOperator(session);
  return (
    <Page
      title="Billing"
      actions={
        <>
          <MonthPicker month={month} />
          <button type="button" class="secondary" onClick={() => setReads((n) => n + 1)}>
            Refresh
          </button>
        </>
      }
    >
      <div key={`${month}/${reads}`} class="billing">
        {session.tenantId && !operator ? <TenantCharges tenantId={session.tenantId} month={month} /> : <OperatorCharges month={month} />}
        <Invoices month={month} operator={operator} />
        <FocusExport month={month} />
      </div>
    </Page>
  );
}
