/**
 * Which vCenter runs a director VM. An adminVM record names its vCenter by a
 * vimServer href; `GET /cloudapi/1.0.0/virtualCenters` turns that into the
 * vCenter's instance uuid, the key the metrics application knows it by. vCenters
 * are registered rarely: the list is kept, and read again when a record names one
 * not in it, once for every caller that needs it at the time.
 */
import { z } from 'zod';
import { UUID_SOURCE } from '../../shared/director/ids';

/** A cloudapi `VCenterServer`: `vcId` is `urn:vcloud:vimserver:<uuid>`, `uuid` vCenter's own instance uuid. */
export const vcenterSchema = z.object({ vcId: z.string(), uuid: z.string().nullish() });

const VIM_SERVER_HREF = new RegExp(`/vimServer/(${UUID_SOURCE})$`, 'i');
const VIM_SERVER_URN = new RegExp(`^urn:vcloud:vimserver:(${UUID_SOURCE})$`, 'i');

/**
 * How long a vimServer the list did not have is taken as unknown before the list is
 * read again for it: a VM left in a vCenter that was removed (or one the provider
 * may not read) would otherwise cost a read on every VM query.
 */
export const UNKNOWN_VCENTER_MS = 60_000;

/** vimServer uuid → vCenter instance uuid, from a virtualCenters listing. */
export function vcenterUuids(values: ReadonlyArray<z.infer<typeof vcenterSchema>>): Map<string, string> {
  return new Map(
    values.flatMap((v): Array<[string, string]> => {
      const id = VIM_SERVER_URN.exec(v.vcId)?.[1];
      return id !== undefined && v.uuid ? [[id.toLowerCase(), v.uuid.toLowerCase()]] : [];
    }),
  );
}

/** The vimServer uuid a VM record's `vc` href names. */
export const vimServerOf = (vc: string | null | undefined): string | undefined =>
  vc ? VIM_SERVER_HREF.exec(vc)?.[1]?.toLowerCase() : undefined;

export interface VcenterDirectory {
  /** vimServer uuid → instance uuid, with each of `vimServers` in it as far as the cell lists them. */
  lookup(vimServers: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/**
 * A directory over `read` (one listing of the vCenters). One read is in flight at a
 * time, shared by every caller; a failed read is not kept. vimServers a read did not
 * list are not asked about again for UNKNOWN_VCENTER_MS.
 */
export function vcenterDirectory(read: () => Promise<Map<string, string>>, now: () => number = Date.now): VcenterDirectory {
  let latest: Map<string, string> | undefined;
  let reading: Promise<Map<string, string>> | undefined;
  const unknownUntil = new Map<string, number>();

  const readShared = (): Promise<Map<string, string>> =>
    (reading ??= read().then(
      (map) => {
        reading = undefined;
        latest = map;
        return map;
      },
      (err: unknown) => {
        reading = undefined;
        throw err;
      },
    ));

  return {
    async lookup(vimServers) {
      // A map read while this call waited is as fresh as a re-read would be.
      const fresh = latest === undefined;
      const map = latest ?? (await readShared());
      const unseen = (m: ReadonlyMap<string, string>) =>
        vimServers.filter((id) => !m.has(id) && (unknownUntil.get(id) ?? -Infinity) <= now());
      if (unseen(map).length === 0) return map;
      const listed = fresh ? map : await readShared();
      const until = now() + UNKNOWN_VCENTER_MS;
      for (const id of unseen(listed)) unknownUntil.set(id, until);
      return listed;
    },
  };
}
