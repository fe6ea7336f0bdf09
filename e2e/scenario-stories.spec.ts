/**
 * Issue 13, the built-in lessons on screen: the longest predict question of the built-in
 * scenarios (isolated-leader-fenced: question, three choices, then the answer's explanation)
 * fits the narration panel at a trainer's projector — nothing clipped sideways — in every theme.
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

/** True when the element's content is wider than its box (text cut off or a horizontal scrollbar). */
function overflowsSideways(page: import('@playwright/test').Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => el.scrollWidth > el.clientWidth + 1);
}

test('a built-in lesson: its predict question, choices and answer fit the narration panel', async ({ page, lab, shotThemes }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await page.getByTestId('open-scenarios').click();
  const item = page.getByTestId('scenario-isolated-leader-fenced');
  await expect(item).toContainText('A network partition isolates the leader; its leaderEpoch fences it');
  await page.getByTestId('load-scenario-isolated-leader-fenced').click();

  const narration = page.getByTestId('narration');
  await expect(narration).toHaveAttribute('data-state', 'waiting-for-reveal', { timeout: 30_000 });
  await expect(page.getByTestId('narration-step-title')).toContainText('Broker 2 is cut off');
  await expect(page.getByTestId('predict-question')).toContainText('Two brokers now each could claim to lead orders-0');
  const choices = page.getByTestId('narration-predict').locator('li');
  await expect(choices).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(choices.nth(i)).toBeVisible();
  expect(await overflowsSideways(page, 'narration')).toBe(false);
  await shotThemes('story-predict');

  await page.getByTestId('reveal-answer').click();
  await expect(page.getByTestId('predict-answer')).toContainText('FENCED_LEADER_EPOCH');
  expect(await overflowsSideways(page, 'narration')).toBe(false);
  await shotThemes('story-revealed');
});
