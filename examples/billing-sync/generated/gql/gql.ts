/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query BillingSyncPeriods {\n    billingPeriods {\n      month\n      state\n      closedAt\n    }\n  }\n": typeof types.BillingSyncPeriodsDocument,
    "\n  query BillingSyncTenants {\n    tenants {\n      id\n      name\n    }\n  }\n": typeof types.BillingSyncTenantsDocument,
    "\n  query BillingSyncInvoices($month: String!) {\n    invoices(month: $month) {\n      id\n      tenantId\n      month\n      periodStart\n      periodEnd\n      currency\n      issuedAt\n      total\n      fields {\n        field\n        cost\n      }\n      lines {\n        kind\n        month\n        cloudId\n        vdcId\n        orgId\n        vmId\n        vmName\n        field\n        start\n        end\n        hours\n        quantity\n        unit\n        hourlyCost\n        cost\n        rateCardId\n      }\n    }\n  }\n": typeof types.BillingSyncInvoicesDocument,
};
const documents: Documents = {
    "\n  query BillingSyncPeriods {\n    billingPeriods {\n      month\n      state\n      closedAt\n    }\n  }\n": types.BillingSyncPeriodsDocument,
    "\n  query BillingSyncTenants {\n    tenants {\n      id\n      name\n    }\n  }\n": types.BillingSyncTenantsDocument,
    "\n  query BillingSyncInvoices($month: String!) {\n    invoices(month: $month) {\n      id\n      tenantId\n      month\n      periodStart\n      periodEnd\n      currency\n      issuedAt\n      total\n      fields {\n        field\n        cost\n      }\n      lines {\n        kind\n        month\n        cloudId\n        vdcId\n        orgId\n        vmId\n        vmName\n        field\n        start\n        end\n        hours\n        quantity\n        unit\n        hourlyCost\n        cost\n        rateCardId\n      }\n    }\n  }\n": types.BillingSyncInvoicesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingSyncPeriods {\n    billingPeriods {\n      month\n      state\n      closedAt\n    }\n  }\n"): typeof import('./graphql').BillingSyncPeriodsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingSyncTenants {\n    tenants {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').BillingSyncTenantsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingSyncInvoices($month: String!) {\n    invoices(month: $month) {\n      id\n      tenantId\n      month\n      periodStart\n      periodEnd\n      currency\n      issuedAt\n      total\n      fields {\n        field\n        cost\n      }\n      lines {\n        kind\n        month\n        cloudId\n        vdcId\n        orgId\n        vmId\n        vmName\n        field\n        start\n        end\n        hours\n        quantity\n        unit\n        hourlyCost\n        cost\n        rateCardId\n      }\n    }\n  }\n"): typeof import('./graphql').BillingSyncInvoicesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
