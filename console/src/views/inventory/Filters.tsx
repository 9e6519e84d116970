/** The inventory's search box (debounced: a route change per pause in typing, not per key) and its filters. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InventoryChoicesQuery } from '../../../generated/gql/graphql';
import { POWER_LABELS, POWER_STATES } from '../../labels';
import type { InventoryParams } from './params';

const SEARCH_DELAY_MS = 300;

export function Filters({
  params,
  choices,
  operator,
  onChange,
}: {
  params: InventoryParams;
  choices: InventoryChoicesQuery | undefined;
  operator: boolean;
  onChange: (change: Partial<InventoryParams>) => void;
}) {
  const [text, setText] = useState(params.q);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The pending search applies the latest onChange (its params), not the one of the keystroke: a select changed meanwhile stays.
  const latest = useRef(onChange);
  latest.current = onChange;
  // Back/forward brings another search: the box follows the route.
  useEffect(() => setText(params.q), [params.q]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const type = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current({ q: value }), SEARCH_DELAY_MS);
  };
  return (
    <form class="toolbar" role="search" aria-label="Virtual machines" onSubmit={(e) => (e.preventDefault(), onChange({ q: text }))}>
      <div>
        <label for="vm-search">Name contains</label>
        <input id="vm-search" type="search" value={text} onInput={(e) => type(e.currentTarget.value)} autoComplete="off" />
      </div>
      <div>
        <label for="vm-cloud">Cloud</label>
        <select id="vm-cloud" value={params.cloud} onChange={(e) => onChange({ cloud: e.currentTarget.value })}>
          <option value="">All clouds</option>
          {(choices?.clouds ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name ?? c.id}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="vm-power">Power state</label>
        <select id="vm-power" value={params.power} onChange={(e) => onChange({ power: e.currentTarget.value as InventoryParams['power'] })}>
          <option value="">Any</option>
          {POWER_STATES.map((p) => (
            <option key={p} value={p}>
              {POWER_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      {operator ? (
        <div>
          <label for="vm-tenant">Tenant</label>
          <select id="vm-tenant" value={params.tenant} onChange={(e) => onChange({ tenant: e.currentTarget.value })}>
            <option value="">All tenants</option>
            {(choices?.tenants ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </form>
  );
}
