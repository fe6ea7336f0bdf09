/**
 * Issue 16: the Security view lists the ACLs of the cluster metadata, checks a new ACL inline in
 * Kafka's words, and an ACL created there is what kafka-python's KafkaAdminClient.describe_acls
 * (DescribeAcls over the wire) sees; deleting it there removes it for the client too. The lab runs
 * with the StandardAuthorizer and allow.everyone.if.no.acl.found=true, so the anonymous
 * PLAINTEXT client may describe ACLs while no ACL names the cluster.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, startLab, stopLab, test as base, type Lab } from './fixtures';
import { AppPage } from './pages/app-page';

const test = base.extend<{ lab: Lab }>({
  // eslint-disable-next-line no-empty-pattern
  lab: async ({}, use) => {
    const lab = await startLab(['--config', 'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer', '--config', 'allow.everyone.if.no.acl.found=true']);
    await use(lab);
    await stopLab(lab);
  },
});

const script = join(process.cwd(), 'src/broker/wire/conformance/acls-kafka-python.py');

async function describeAcls(lab: Lab): Promise<{ error: string; acls: string[] }> {
  const { stdout } = await promisify(execFile)('/usr/bin/python3', [script, lab.bootstrap.join(','), 'describe'], { timeout: 30_000 });
  return JSON.parse(stdout) as { error: string; acls: string[] };
}

test('Security view: ACLs listed, created with inline checks and seen by kafka-python describe_acls, then deleted', async ({ page, browser, lab, shotThemes }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await page.getByTestId('tab-security').click();
  await expect(page.getByTestId('security-view')).toBeVisible();
  await expect(page.getByTestId('authorizer-status')).toContainText('On: authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer');
  await expect(page.getByTestId('authorizer-settings')).toContainText('allow.everyone.if.no.acl.found: true');
  await expect(page.getByTestId('acl-empty')).toBeVisible();
  expect((await describeAcls(lab)).acls).toEqual([]);

  // Bad input is refused inline and nothing is sent.
  await page.getByTestId('acl-principal').fill('alice');
  await page.getByTestId('create-acl-submit').click();
  await expect(page.getByTestId('acl-error-principal')).toContainText('A principal is Type:name');
  await expect(page.getByTestId('acl-error-resourceName')).toContainText('Resource name should not be empty');
  await expect(page.getByTestId('acl-row')).toHaveCount(0);

  await page.getByTestId('acl-principal').fill('User:alice');
  await page.getByTestId('acl-operation').selectOption('READ');
  await page.getByTestId('acl-resourceName').fill('orders');
  await page.getByTestId('acl-patternType').selectOption('PREFIXED');
  await page.getByTestId('create-acl-submit').click();
  await expect(page.getByTestId('acl-row')).toHaveCount(1);
  await expect(page.getByTestId('acl-row')).toContainText('User:alice');
  await expect(page.getByTestId('acl-row')).toContainText('PREFIXED');

  // The wire sees what the view created.
  expect(await describeAcls(lab)).toEqual({ error: 'NoError', acls: ['User:alice * READ ALLOW TOPIC orders PREFIXED'] });
  await page.getByTestId('security-view').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shotThemes('security-acls');

  // The timeline's Security category says so.
  await expect(page.getByText('ACL added: User:alice ALLOW READ on TOPIC orders (PREFIXED) from *')).toBeVisible();

  await page.getByTestId('delete-acl').click();
  await page.getByTestId('confirm-delete-acl').click();
  await expect(page.getByTestId('acl-empty')).toBeVisible();
  expect((await describeAcls(lab)).acls).toEqual([]);

  // A read-only viewer (a fresh browser context, without the token) sees no control.
  const viewerContext = await browser.newContext();
  try {
    const viewer = await viewerContext.newPage();
    await new AppPage(viewer).open(lab.readOnlyUrl);
    await expect(viewer.getByTestId('read-only-badge')).toBeVisible();
    await viewer.getByTestId('tab-security').click();
    await expect(viewer.getByTestId('security-view')).toBeVisible();
    await expect(viewer.getByTestId('create-acl-form')).toHaveCount(0);
    await expect(viewer.getByTestId('set-quota-form')).toHaveCount(0);
  } finally {
    await viewerContext.close();
  }
});
