/** Page objects for the workbench views (issue 6): message browser, produce panel, consumer groups, clients. */
import { expect, type Locator, type Page } from '@playwright/test';

export class MessagesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('tab-messages').click();
    await expect(this.page.getByTestId('message-browser')).toBeVisible();
  }

  /** Scans `topic` (one partition or all) from a seek preset and waits until the scan is done. */
  async scan(topic: string, options: { partition?: number; seek?: 'oldest' | 'newest' | 'offset'; param?: string } = {}): Promise<void> {
    await this.page.getByTestId('browser-topic').selectOption(topic);
    await this.page.getByTestId('browser-partition').selectOption(options.partition === undefined ? 'all' : String(options.partition));
    await this.page.getByTestId('browser-seek').selectOption(options.seek ?? 'oldest');
    if (options.param !== undefined) await this.page.getByTestId('browser-seek-param').fill(options.param);
    await this.page.getByTestId('browser-scan').click();
    await expect(this.page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done');
  }

  row(partition: number, offset: number): Locator {
    return this.page.locator(`[data-testid="record-row"][data-partition="${partition}"][data-offset="${offset}"]`);
  }

  detail(): Locator {
    return this.page.getByTestId('record-detail');
  }
}

export class ProducePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('tab-produce').click();
    await expect(this.page.getByTestId('produce-panel')).toBeVisible();
  }

  /** Produces one record; resolves with the partition and offset the panel reports. */
  async produce(topic: string, record: { key: string; value: string; headers?: [string, string][] }): Promise<{ partition: number; offset: number }> {
    await this.page.getByTestId('produce-topic').selectOption(topic);
    await this.page.getByTestId('produce-key').fill(record.key);
    await this.page.getByTestId('produce-value').fill(record.value);
    for (const [i, [key, value]] of (record.headers ?? []).entries()) {
      await this.page.getByTestId('produce-add-header').click();
      await this.page.getByTestId(`produce-header-key-${i}`).fill(key);
      await this.page.getByTestId(`produce-header-value-${i}`).fill(value);
    }
    await this.page.getByTestId('produce-send').click();
    const result = this.page.getByTestId('produce-result');
    await expect(result).toBeVisible();
    return { partition: Number(await result.getAttribute('data-partition')), offset: Number(await result.getAttribute('data-offset')) };
  }
}

export class GroupsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('tab-groups').click();
    await expect(this.page.getByTestId('groups-view')).toBeVisible();
  }

  row(groupId: string): Locator {
    return this.page.locator(`[data-testid="group-row"][data-group-id="${groupId}"]`);
  }

  async openGroup(groupId: string): Promise<void> {
    await this.row(groupId).click();
    await expect(this.page.getByTestId('group-detail')).toHaveAttribute('data-group-id', groupId);
  }

  members(): Locator {
    return this.page.getByTestId('group-member');
  }

  /** The lag column of every partition row of the open group. */
  async lags(): Promise<number[]> {
    return (await this.page.getByTestId('group-offset-row').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.lag))));
  }

  /** Every partition assigned to the open group's members, sorted. */
  async assignedPartitions(): Promise<number[]> {
    const texts = await this.page.getByTestId('member-assignment').allTextContents();
    return texts.flatMap((t) => [...t.matchAll(/\[([\d, ]*)\]/g)].flatMap((m) => m[1]!.split(',').filter((s) => s.trim() !== '').map(Number))).sort((a, b) => a - b);
  }
}

export class ClientsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('tab-clients').click();
    await expect(this.page.getByTestId('clients-view')).toBeVisible();
  }

  rows(clientId: string): Locator {
    return this.page.locator(`[data-testid="client-row"][data-client-id="${clientId}"]`);
  }
}
