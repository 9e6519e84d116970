/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BillingPeriodState =
  | 'CLOSED'
  | 'OPEN';

/** What a rate detail charges for (ManageIQ's chargeable fields). */
export type ChargeableField =
  /** Allocated vCPUs. */
  | 'CPU_ALLOCATED'
  /** Used CPU (MHz). */
  | 'CPU_USED'
  /** A fixed charge per VM and hour it exists. */
  | 'FIXED'
  /** Allocated memory. */
  | 'MEMORY_ALLOCATED'
  /** Used (consumed) memory. */
  | 'MEMORY_USED'
  /** Network throughput. */
  | 'NETWORK_USED'
  /** Allocated (provisioned) storage. */
  | 'STORAGE_ALLOCATED'
  /** Used storage. */
  | 'STORAGE_USED';

export type InvoiceLineKind =
  /** Usage of an earlier, already invoiced month that arrived after it was closed (or a change to it). */
  | 'CORRECTION'
  /** Usage of the invoice's month. */
  | 'USAGE';

/** The unit a rate is quoted per. */
export type RateUnit =
  | 'GB'
  | 'GHZ'
  | 'KBPS'
  | 'MB'
  | 'MBPS'
  | 'MHZ'
  | 'TB'
  | 'VCPU'
  /** The FIXED field: per VM. */
  | 'VM';

export type BillingSyncPeriodsQueryVariables = Exact<{ [key: string]: never; }>;


export type BillingSyncPeriodsQuery = { billingPeriods: Array<{ month: string, state: BillingPeriodState, closedAt: string | null }> };

export type BillingSyncTenantsQueryVariables = Exact<{ [key: string]: never; }>;


export type BillingSyncTenantsQuery = { tenants: Array<{ id: string, name: string }> };

export type BillingSyncInvoicesQueryVariables = Exact<{
  month: string;
}>;


export type BillingSyncInvoicesQuery = { invoices: Array<{ id: string, tenantId: string, month: string, periodStart: string, periodEnd: string, currency: string, issuedAt: string, total: number, fields: Array<{ field: ChargeableField, cost: number }>, lines: Array<{ kind: InvoiceLineKind, month: string, cloudId: string, vdcId: string, orgId: string | null, vmId: string, vmName: string, field: ChargeableField, start: string, end: string, hours: number, quantity: number, unit: RateUnit, hourlyCost: number, cost: number, rateCardId: string }> }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const BillingSyncPeriodsDocument = new TypedDocumentString(`
    query BillingSyncPeriods {
  billingPeriods {
    month
    state
    closedAt
  }
}
    `) as unknown as TypedDocumentString<BillingSyncPeriodsQuery, BillingSyncPeriodsQueryVariables>;
export const BillingSyncTenantsDocument = new TypedDocumentString(`
    query BillingSyncTenants {
  tenants {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<BillingSyncTenantsQuery, BillingSyncTenantsQueryVariables>;
export const BillingSyncInvoicesDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<BillingSyncInvoicesQuery, BillingSyncInvoicesQueryVariables>;