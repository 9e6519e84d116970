/**
 * The three reads billing-sync makes, as typed documents: `npm run codegen:examples`
 * types each from the API schema, so a field the program reads that the schema drops
 * or retypes fails codegen and then `tsc`.
 */
import { graphql } from '../generated/gql';

/** Every month with usage or an invoice, and whether it is closed. */
export const BillingPeriodsQuery = graphql(`
  query BillingSyncPeriods {
    billingPeriods {
      month
      state
      closedAt
    }
  }
`);

/** The tenant directory, for the names the ledger carries beside the ids. */
export const TenantsQuery = graphql(`
  query BillingSyncTenants {
    tenants {
      id
      name
    }
  }
`);

/** A month's frozen invoices with every line (the billing role sees every tenant's). */
export const MonthInvoicesQuery = graphql(`
  query BillingSyncInvoices($month: String!) {
    invoices(month: $month) {
      id
      tenantId
      month
      periodStart
      periodEnd
      currency
      issuedAt
      total
      fields {
        field
        cost
      }
      lines {
        kind
        month
        cloudId
        vdcId
        orgId
        vmId
        vmName
        field
        start
        end
        hours
        quantity
        unit
        hourlyCost
        cost
        rateCardId
      }
    }
  }
`);
