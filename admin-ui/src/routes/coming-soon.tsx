import { ComingSoon } from "../components/coming-soon";
import { BillingTestTools } from "./subscriptions/billing-test-tools";

/** Sections of the product plan that later work fills in; the menu and routes exist already. */
export const SubscriptionsPage = () => (
  <ComingSoon description="every subscription grouped by tier, churn and active counts, tier configuration, and credits, upgrades and downgrades applied by support">
    <BillingTestTools />
  </ComingSoon>
);
