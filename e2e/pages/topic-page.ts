/** Page object for one topic: partition grid, partition panel, throughput. */
import type { Locator, Page } from '@playwright/test';

export class TopicPage {
  constructor(readonly page: Page) {}

  leader(partition: number): Locator {
    return this.page.getByTestId(`leader-${partition}`);
  }

  epoch(partition: number): Locator {
    return this.page.getByTestId(`epoch-${partition}`);
  }

  isr(partition: number): Locator {
    return this.page.getByTestId(`isr-${partition}`);
  }

  highWatermark(partition: number): Locator {
    return this.page.getByTestId(`hw-${partition}`);
  }

  replica(partition: number, brokerId: number): Locator {
    return this.page.getByTestId(`replica-${partition}-${brokerId}`);
  }

  records(): Locator {
    return this.page.getByTestId('topic-records');
  }

  throughputNow(): Locator {
    return this.page.getByTestId('throughput-now');
  }

  async number(locator: Locator): Promise<number> {
    return Number((await locator.textContent())?.replace(/[^0-9-]/g, ''));
  }

  /** The ISR as shown, e.g. "[2,3]" → [2, 3]. */
  async isrList(partition: number): Promise<number[]> {
    const text = (await this.isr(partition).textContent()) ?? '[]';
    return text.replace(/[[\]\s]/g, '').split(',').filter(Boolean).map(Number);
  }

  async selectReplica(partition: number, brokerId: number): Promise<void> {
    await this.replica(partition, brokerId).click();
  }
}
