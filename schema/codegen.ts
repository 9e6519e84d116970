/**
 * GraphQL Code Generator: resolver types for each subgraph, from its SDL, so that
 * resolvers are typed by the schema instead of hand-written copies.
 * `npm run codegen` rewrites them; a test fails when they are stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const common = {
  federation: true,
  useIndexSignature: true,
  enumsAsTypes: true,
  avoidOptionals: false,
  scalars: { ID: 'string' },
  useTypeImports: true,
};

const config: CodegenConfig = {
  overwrite: true,
  hooks: {},
  generates: {
    // The enums both sides of a wire use (events, node kinds, power states, log levels), as
    // values and types: schema/, the gateway and the nodes import them from here.
    'schema/generated/enums.ts': {
      schema: ['schema/control.graphql', 'schema/cloud-node.graphql', 'schema/billing.graphql'],
      plugins: ['typescript'],
      config: { federation: true, onlyEnums: true, enumsAsConst: true, namingConvention: { enumValues: 'keep' } },
    },
    'subgraphs/cloud-node/generated/graphql.ts': {
      schema: 'schema/cloud-node.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...common,
        contextType: '../context#NodeContext',
        mappers: {
          Cloud: '../model#CloudModel',
          VirtualDataCenter: '../model#VdcModel',
          VirtualMachine: '../model#VmModel',
        },
      },
    },
    'subgraphs/sp-node/generated/graphql.ts': {
      schema: 'schema/sp-node.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...common,
        contextType: '../context#SpNodeContext',
        mappers: {
          Cloud: '../model#CloudModel',
          TenantOrg: '../model#OrgModel',
          VirtualDataCenter: '../model#VdcModel',
          VirtualMachine: '../model#VmModel',
          VirtualVdc: '../model#VirtualVdcModel',
        },
      },
    },
    'gateway/control/generated/graphql.ts': {
      schema: 'schema/control.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...common,
        contextType: '../context#ControlContext',
        mappers: {
          Node: '../model#NodeModel',
          Cloud: '../model#CloudRefModel',
          VirtualMachine: '../model#VmRefModel',
          Tenant: '../model#TenantModel',
          TenantOrg: '../model#OrgRefModel',
          VirtualDataCenter: '../model#VdcRefModel',
          CumulativeVdc: '../model#TenantCumulativeVdcModel',
          CumulativeVdcPart: '../model#CumulativeVdcPartModel',
          OrgDiscovery: '../model#OrgDiscoveryModel',
          NodeConfig: '../model#NodeConfigModel',
          IndexedVmEdge: '../model#VmEdgeModel',
          VmConnection: '../model#VmConnectionModel',
          CloudFreshness: '../model#CloudFreshnessModel',
          RegistrationToken: '../model#RegistrationTokenModel',
        },
      },
    },
    'gateway/billing/generated/graphql.ts': {
      schema: 'schema/billing.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...common,
        contextType: '../context#BillingContext',
        mappers: {
          VirtualMachine: '../model#VmRefModel',
          Tenant: '../model#TenantRefModel',
          CumulativeVdc: '../model#CumulativeVdcRefModel',
          RateCard: '../model#RateCardRecord',
          UsageRecord: '../model#UsageRecord as UsageRecordModel',
          UsageGap: '../model#UsageGapModel',
          Charges: '../model#ChargesModel',
          CloudCharges: '../model#CloudChargesModel',
          VdcCharges: '../model#VdcChargesModel',
          VmCharge: '../model#VmCharge as VmChargeModel',
          FieldCharge: '../model#FieldCharge as FieldChargeModel',
          VmCost: '../model#VmCostModel',
          CumulativeVdcCost: '../model#CumulativeVdcCostModel',
          Invoice: '../model#InvoiceRecord',
          InvoiceLine: '../model#InvoiceLine as InvoiceLineModel',
          BillingPeriod: '../model#BillingPeriodModel',
          UsageRecordConnection: '../model#UsageRecordPage',
        },
      },
    },
  },
};

export default config;
