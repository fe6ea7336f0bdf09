/** Page object for the app frame and the cluster overview. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the UI and waits until the first snapshot is drawn. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('broker-grid')).toBeVisible();
  }

  brokerCards(): Locator {
    return this.page.locator('[data-testid^="broker-card-"]');
  }

  brokerCard(brokerId: number): Locator {
    return this.page.getByTestId(`broker-card-${brokerId}`);
  }

  brokerState(brokerId: number): Locator {
    return this.page.getByTestId(`broker-state-${brokerId}`);
  }

  bootstrap(): Locator {
    return this.page.getByTestId('bootstrap-servers');
  }

  readOnlyBadge(): Locator {
    return this.page.getByTestId('read-only-badge');
  }

  async showOverview(): Promise<void> {
    await this.page.getByTestId('tab-overview').click();
  }

  async stopBroker(brokerId: number): Promise<void> {
    await this.showOverview();
    await this.page.getByTestId(`stop-broker-${brokerId}`).click();
    await expect(this.brokerState(brokerId)).toHaveText('stopped');
  }

  async startBroker(brokerId: number): Promise<void> {
    await this.showOverview();
    await this.page.getByTestId(`start-broker-${brokerId}`).click();
    await expect(this.brokerState(brokerId)).toHaveText('running');
  }
}
