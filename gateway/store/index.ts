/**
 * Opening the store: the repositories of ./repositories over one of two backends,
 * MongoDB when a connection string is given and the embedded (mingo) one otherwise,
 * durable under a data directory (durable/database.ts) or, without one, in memory.
 * The repositories are the same code on both; only the collections differ.
 */
import type * as MongoDatabase from './mongo/database';
import type { Database } from './collection';
import { DurableDatabase, type DurableOptions } from './durable/database';
import { MemoryDatabase } from './memory/database';
import { CollectionInventoryRepository } from './repositories/inventory';
import { CollectionNodeConfigRepository } from './repositories/nodeConfigs';
import { CollectionNodeRepository } from './repositories/nodes';
import { CollectionDiscoveredOrgRepository } from './repositories/discoveredOrgs';
import { CollectionOrgMappingRepository } from './repositories/orgMappings';
import { CollectionOwnershipRepository } from './repositories/ownership';
import { CollectionRegistrationTokenRepository } from './repositories/registrationTokens';
import { CollectionBillingPeriodRepository } from './repositories/billingPeriods';
import { CollectionInvoiceRepository } from './repositories/invoices';
import { CollectionMeteredHourRepository } from './repositories/meteredHours';
import { CollectionRateCardRepository } from './repositories/rateCards';
import { CollectionTransferRepository } from './repositories/transfers';
import { CollectionCatalogRepository } from './repositories/catalogs';
import { CollectionUsageRepository } from './repositories/usage';
import { Collections, ensureIndexes } from './repositories/schema';
import type { Store } from './types';

export { cursorOf } from './repositories/cursor';
export { DuplicateKeyError, InvalidCursorError, InvalidPageRequestError, isDuplicateKeyError } from './errors';
export { StoreInUseError } from './durable/database';
export type { Store } from './types';

export interface StoreOptions {
  /** A MongoDB connection string (the gateway passes `store.mongodbUri`, MONGODB_URI by default); embedded store when absent or empty. */
  mongodbUri?: string;
  /** MongoDB database; default the connection string's, else "overcast". */
  dbName?: string;
  /** Where the embedded store keeps its data (one process per directory); in memory when absent. */
  dataDir?: string;
  /** Told once when opening the data directory recovered from an unfinished write. */
  warn?: DurableOptions['warn'];
}

/** Open the store: MongoDB when `mongodbUri` is set (indexes created), else the embedded one, durable under `dataDir` when given. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (!options.mongodbUri && options.dataDir) return openDurableStore(options.dataDir, options.warn ? { warn: options.warn } : {});
  if (!options.mongodbUri) return createMemoryStore();
  // Loaded only when used: the driver costs the gateway ~7 MB of heap and a 17 MB BSON buffer.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: see above
  const { connectMongo } = require('./mongo/database') as typeof MongoDatabase;
  const db = await connectMongo(options.mongodbUri, options.dbName);
  try {
    return await createStore(db);
  } catch (err) {
    await db.close();
    throw err;
  }
}

/**
 * A new, empty embedded store. Its data lives as long as the object: closing it
 * keeps the data, so the same object given to a second gateway instance acts like a
 * persistent store across a restart.
 */
export async function createMemoryStore(): Promise<Store> {
  return createStore(new MemoryDatabase());
}

/** The embedded store kept under `dir` (see durable/database.ts); StoreInUseError while another process has it. */
export async function openDurableStore(dir: string, options: DurableOptions = {}): Promise<Store> {
  const db = DurableDatabase.open(dir, options);
  try {
    return await createStore(db);
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** One repository call, as {@link instrumentStore} reports it. */
export interface StoreCall {
  repository: Exclude<keyof Store, 'close'>;
  /** The method called, e.g. `page`. */
  operation: string;
  seconds: number;
  /** False when the call rejected. */
  ok: boolean;
}

/**
 * The same store with every repository call timed and reported to `observe` (the
 * gateway's store latency metrics): one wrapper over the repositories, so no caller
 * and no backend needs to know. `close` is passed through as is.
 */
async function* timedScan<T>(scan: AsyncIterable<T>, report: (ok: boolean) => void): AsyncIterable<T> {
  try {
    yield* scan;
    report(true);
  } catch (err) {
    report(false);
    throw err;
  }
}

export function instrumentStore(store: Store, observe: (call: StoreCall) => void): Store {
  const timed = <R extends object>(repository: StoreCall['repository'], target: R): R => {
    const wrapped = new Map<string, unknown>();
    return new Proxy(target, {
      get(obj, key, receiver) {
        const value: unknown = Reflect.get(obj, key, receiver);
        if (typeof key !== 'string' || typeof value !== 'function') return value;
        let call = wrapped.get(key);
        if (!call) {
          call = (...args: unknown[]) => {
            const started = performance.now();
            const report = (ok: boolean) => observe({ repository, operation: key, seconds: (performance.now() - started) / 1000, ok });
            const result: unknown = (value as (...a: unknown[]) => unknown).apply(obj, args);
            // A scan (an async iterable) is timed from its call to its last batch.
            if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result)
              return timedScan(result as AsyncIterable<unknown>, report);
            return Promise.resolve(result).then(
              (answer) => {
                report(true);
                return answer;
              },
              (err: unknown) => {
                report(false);
                throw err;
              },
            );
          };
          wrapped.set(key, call);
        }
        return call;
      },
    });
  };
  return {
    nodes: timed('nodes', store.nodes),
    registrationTokens: timed('registrationTokens', store.registrationTokens),
    nodeConfigs: timed('nodeConfigs', store.nodeConfigs),
    inventory: timed('inventory', store.inventory),
    orgMappings: timed('orgMappings', store.orgMappings),
    discoveredOrgs: timed('discoveredOrgs', store.discoveredOrgs),
    ownership: timed('ownership', store.ownership),
    usage: timed('usage', store.usage),
    meteredHours: timed('meteredHours', store.meteredHours),
    rateCards: timed('rateCards', store.rateCards),
    invoices: timed('invoices', store.invoices),
    billingPeriods: timed('billingPeriods', store.billingPeriods),
    transfers: timed('transfers', store.transfers),
    catalogs: timed('catalogs', store.catalogs),
    close: () => store.close(),
  };
}

/** The repositories over any backend's database, after creating its indexes. */
export async function createStore(db: Database): Promise<Store> {
  await ensureIndexes(db);
  return {
    nodes: new CollectionNodeRepository(db.collection(Collections.nodes)),
    registrationTokens: new CollectionRegistrationTokenRepository(db.collection(Collections.registrationTokens)),
    nodeConfigs: new CollectionNodeConfigRepository(db.collection(Collections.nodeConfigs)),
    inventory: new CollectionInventoryRepository(db.collection(Collections.inventory), db.collection(Collections.cloudSyncs)),
    orgMappings: new CollectionOrgMappingRepository(db.collection(Collections.orgMappings)),
    discoveredOrgs: new CollectionDiscoveredOrgRepository(db.collection(Collections.discoveredOrgs)),
    ownership: new CollectionOwnershipRepository(db.collection(Collections.ownership)),
    usage: new CollectionUsageRepository(db.collection(Collections.usage)),
    meteredHours: new CollectionMeteredHourRepository(db.collection(Collections.meteredHours)),
    rateCards: new CollectionRateCardRepository(db.collection(Collections.rateCards)),
    invoices: new CollectionInvoiceRepository(db.collection(Collections.invoices)),
    billingPeriods: new CollectionBillingPeriodRepository(db.collection(Collections.billingPeriods)),
    transfers: new CollectionTransferRepository(db.collection(Collections.transfers)),
    catalogs: new CollectionCatalogRepository(
      db.collection(Collections.catalogs),
      db.collection(Collections.catalogSubscriptions),
      db.collection(Collections.catalogCopies),
    ),
    close: () => db.close(),
  };
}
