/** Placeholder until the view is written. */
import { Page } from '../components/Page';

export function Billing() {
  return <Page title="Billing">{null}</Page>;
}
