/**
 * The Billing view's reads, typed by codegen against the public API. The operator
 * documents select only fields the billing role may (its allow-list is the billing
 * subgraph plus tenant names): that role has this view alone.
 */
import { graphql } from '../../../generated/gql';

/** Every tenant's charges for the period, and whether the month is closed (operators). */
export const TenantChargesDocument = graphql(`
  query BillingTenantCharges($period: PeriodInput!) {
    tenants {
      id
      name
      charges(period: $period) {
        currency
        total
        fields {
          field
          cost
        }
      }
    }
    billingPeriods {
      month
      state
      closedAt
    }
  }
`);

/** One tenant's own charges, down to each VM (the tenant roles). */
export const OwnChargesDocument = graphql(`
  query BillingOwnCharges($id: ID!, $period: PeriodInput!) {
    tenant(id: $id) {
      id
      name
      charges(period: $period) {
        currency
        total
        fields {
          field
          cost
        }
        clouds {
          cloudId
          cloud {
            name
          }
          total
          vdcs {
            vdcId
            vdc {
              name
            }
            total
            vms {
              vmId
              vmName
              hours
              rateCardName
              total
              fields {
                field
                cost
              }
            }
          }
        }
      }
    }
  }
`);

/** The month's frozen invoices: every tenant's for operators, one's own for a tenant (the gateway decides). */
export const InvoicesDocument = graphql(`
  query BillingInvoices($month: String!) {
    invoices(month: $month) {
      id
      tenantId
      tenant {
        name
      }
      currency
      issuedAt
      total
      lines {
        kind
        month
        cloudId
        vdcId
        vmId
        vmName
        field
        hours
        quantity
        unit
        cost
      }
    }
  }
`);
