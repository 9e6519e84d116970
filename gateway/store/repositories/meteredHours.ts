/** Which (cloud, hour) the usage meter has collected: one record per pair, keyed `<cloudId>@<hour ISO>`. */
import type { MeteredHourRecord } from '../../billing/model';
import type { Collection } from '../collection';
import type { MeteredHourRepository } from '../types';

export class CollectionMeteredHourRepository implements MeteredHourRepository {
  constructor(private readonly hours: Collection<MeteredHourRecord>) {}

  /** Replace by key: a window collected twice (two replicas, a retry) marks each hour once. */
  async mark(hours: readonly MeteredHourRecord[]): Promise<void> {
    if (hours.length === 0) return;
    await this.hours.upsertMany('key', hours);
  }

  async collected(cloudId: string, start: Date, end: Date): Promise<Date[]> {
    const found = await this.hours.find({ cloudId, hour: { $gte: start, $lt: end } }, { sort: { hour: 1 } });
    return found.map((record) => record.hour);
  }
}
