/** Page object for the topics table and the create-topic form. */
import { expect, type Locator, type Page } from '@playwright/test';

export class TopicsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('tab-topics').click();
    await expect(this.page.getByTestId('topic-filter')).toBeVisible();
  }

  row(topic: string): Locator {
    return this.page.getByTestId(`topic-row-${topic}`);
  }

  /** Fills and submits the create form; does not wait for success (errors are checked by callers). */
  async submitCreate(topic: string, partitions: number, replicationFactor: number, minInSyncReplicas = 1): Promise<void> {
    if (await this.page.getByTestId('open-create-topic').isVisible()) await this.page.getByTestId('open-create-topic').click();
    await this.page.getByTestId('create-name').fill(topic);
    await this.page.getByTestId('create-partitions').fill(String(partitions));
    await this.page.getByTestId('create-replicationFactor').fill(String(replicationFactor));
    await this.page.getByTestId('create-minInSyncReplicas').fill(String(minInSyncReplicas));
    await this.page.getByTestId('create-topic-submit').click();
  }

  async createTopic(topic: string, partitions: number, replicationFactor: number): Promise<void> {
    await this.submitCreate(topic, partitions, replicationFactor);
    await expect(this.row(topic)).toBeVisible();
  }

  async openTopic(topic: string): Promise<void> {
    await this.row(topic).locator('.topic-name').click();
    await expect(this.page.getByTestId('topic-detail')).toBeVisible();
  }
}
