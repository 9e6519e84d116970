/** Placeholder until the view is written. */
import { Page } from '../components/Page';

export function Nodes() {
  return <Page title="Nodes">{null}</Page>;
}
