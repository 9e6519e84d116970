/** Placeholder until the view is written. */
import { Page } from '../components/Page';

export function TenantHome() {
  return <Page title="TenantHome">{null}</Page>;
}
