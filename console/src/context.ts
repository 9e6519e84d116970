/** The signed-in session and its API, for every view (set once by App). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';
import type { Session } from './session';

export const SessionContext = createContext<{ session: Session; api: Api } | undefined>(undefined);

export function useSession(): { session: Session; api: Api } {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in console');
  return value;
}
