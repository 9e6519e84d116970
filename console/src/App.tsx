/**
 * The console's frame: the navigation a role has, the live-updates banner, and the
 * route's view. What a role may see is the gateway's decision; the navigation only
 * leaves out what it would refuse (a tenant has no node registry and no catalogs, billing
 * sees billing).
 */
import { Provider } from '@urql/preact';
import { useEffect, useMemo } from 'preact/hooks';
import { createApi } from './api';
import { LiveBanner } from './components/LiveBanner';
import { SessionContext } from './context';
import { href, useRoute } from './router';
import { describeRole, isOperator, type Session } from './session';
import { Billing } from './views/Billing';
import { Catalogs } from './views/Catalogs';
import { Inventory } from './views/Inventory';
import { Nodes } from './views/Nodes';
import { Overview } from './views/Overview';
import { TenantHome } from './views/TenantHome';
import { Transfers } from './views/Transfers';
import { VmPage } from './views/VmPage';

interface NavItem {
  path: string;
  label: string;
}

function navFor(session: Session): NavItem[] {
  if (session.role === 'billing') return [{ path: 'billing', label: 'Billing' }];
  if (isOperator(session))
    return [
      { path: '', label: 'Overview' },
      { path: 'vms', label: 'Inventory' },
      { path: 'nodes', label: 'Nodes' },
      { path: 'transfers', label: 'Transfers' },
      { path: 'catalogs', label: 'Catalogs' },
      { path: 'billing', label: 'Billing' },
    ];
  return [
    { path: '', label: 'Data centers' },
    { path: 'vms', label: 'Virtual machines' },
    { path: 'transfers', label: 'Transfers' },
    { path: 'billing', label: 'Billing' },
  ];
}

function View({ session }: { session: Session }) {
  const { path } = useRoute();
  const [section = '', id] = path;
  if (session.role === 'billing') return <Billing />;
  switch (section) {
    case '':
      return isOperator(session) ? <Overview /> : <TenantHome />;
    case 'vms':
      // Keyed: another VM is a new page (its task and errors are not the last one's).
      return id ? <VmPage key={id} id={id} /> : <Inventory />;
    case 'nodes':
      return isOperator(session) ? <Nodes /> : <NotFound />;
    case 'transfers':
      return <Transfers />;
    case 'catalogs':
      // Catalogs are the provider's (the gateway refuses the query to anyone else).
      return session.role === 'provider-admin' ? <Catalogs /> : <NotFound />;
    case 'billing':
      return <Billing />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <section class="page">
      <h1>Not found</h1>
      <p>
        There is nothing at this address. <a href={href([])}>Back to the start</a>.
      </p>
    </section>
  );
}

export function App({ session, onSignOut }: { session: Session; onSignOut: (notice?: string) => void }) {
  const api = useMemo(() => createApi(session, (reason) => onSignOut(`Signed out: ${reason}`)), [session]);
  useEffect(() => () => api.close(), [api]);
  const { path } = useRoute();
  const current = path[0] ?? '';
  return (
    <SessionContext.Provider value={{ session, api }}>
      <Provider value={api.client}>
        <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href={href([])}>
            Overcast
          </a>
          <nav aria-label="Main">
            <ul>
              {navFor(session).map((item) => (
                <li key={item.path}>
                  <a href={href(item.path ? [item.path] : [])} aria-current={current === item.path ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="who">
            <span data-testid="who">
              {session.subject} · {describeRole(session)}
            </span>
            <button type="button" class="link" onClick={() => onSignOut()}>
              Sign out
            </button>
          </div>
        </header>
        <LiveBanner connection={api.connection} />
        <main id="main" tabIndex={-1}>
          <View session={session} />
        </main>
      </Provider>
    </SessionContext.Provider>
  );
}
