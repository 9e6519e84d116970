/** Placeholder until the view is written. */
import { Page } from '../components/Page';

export function Overview() {
  return <Page title="Overview">{null}</Page>;
}
