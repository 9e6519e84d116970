/** Placeholder until the view is written. */
import { Page } from '../components/Page';

export function Inventory() {
  return <Page title="Inventory">{null}</Page>;
}
