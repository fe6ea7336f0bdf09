/**
 * Issue 16: a lab whose brokers each have two listeners, PLAINTEXT and SECURE (SASL_PLAINTEXT,
 * SCRAM-SHA-512). The ready line names one bootstrap per listener; the Security view lists every
 * listener with each broker's port and protocol, one bootstrap per listener and the inter-broker
 * listener; the clients view shows which listener each connection came in on.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, startLab, stopLab, test, type Lab } from './fixtures';
import { AppPage } from './pages/app-page';
import { ClientsPage } from './pages/workbench-page';

let lab: Lab;
test.beforeAll(async () => {
  lab = await startLab(['--user', 'alice:alice-secret', '--config', 'listeners=PLAINTEXT://:0,SECURE://:0', '--config', 'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SECURE:SASL_PLAINTEXT',
    '--config', 'listener.name.secure.sasl.enabled.mechanisms=SCRAM-SHA-512', '--config', 'inter.broker.listener.name=PLAINTEXT']);
});
test.afterAll(async () => {
  if (lab) await stopLab(lab);
});

test('Security view lists both listeners with their ports; the clients view shows each connection\'s listener', async ({ page, shotThemes }) => {
  const readyLine = lab.output().split('\n').find((l) => l.startsWith('kafka-lab serve ready '))!;
  const field = (name: string): string => new RegExp(`(?:^| )${name.replace(/\./g, '\\.')}=(\\S+)`).exec(readyLine)![1]!;
  expect(field('listener.PLAINTEXT.bootstrap')).toBe(lab.bootstrap.join(','));
  expect(field('listener.SECURE.security.protocol')).toBe('SASL_PLAINTEXT');
  const secure = field('listener.SECURE.bootstrap').split(',');
  expect(secure).toHaveLength(3);
  expect(secure.some((a) => lab.bootstrap.includes(a))).toBe(false);

  const plainClient = new Kafka({ clientId: 'e2e-on-plaintext', brokers: lab.bootstrap, logLevel: logLevel.NOTHING });
  const secureClient = new Kafka({ clientId: 'e2e-on-secure', brokers: secure, sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' }, logLevel: logLevel.NOTHING });
  const admin = plainClient.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'two-listeners', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
  const plainProducer = plainClient.producer();
  const secureProducer = secureClient.producer();
  await Promise.all([plainProducer.connect(), secureProducer.connect()]);
  try {
    await plainProducer.send({ topic: 'two-listeners', messages: [{ key: 'p', value: 'plain' }] });
    await secureProducer.send({ topic: 'two-listeners', messages: [{ key: 's', value: 'secure' }] });
    const app = new AppPage(page);
    await app.open(lab.url);
    await page.getByTestId('tab-security').click();
    await expect(page.getByTestId('security-view')).toBeVisible();
    for (const [i, address] of lab.bootstrap.entries()) await expect(page.getByTestId(`listener-PLAINTEXT-${i + 1}`)).toContainText(address);
    for (const [i, address] of secure.entries()) {
      const row = page.getByTestId(`listener-SECURE-${i + 1}`);
      await expect(row).toContainText(address);
      await expect(row).toContainText('SASL_PLAINTEXT');
      await expect(row).toContainText('SCRAM-SHA-512');
    }
    await expect(page.getByTestId('listener-PLAINTEXT-1').getByTestId('inter-broker-listener')).toBeVisible();
    await expect(page.getByTestId('listener-SECURE-1').getByTestId('inter-broker-listener')).toHaveCount(0);
    await expect(page.getByTestId('listener-bootstrap-SECURE')).toHaveText(`Bootstrap on SECURE (SASL_PLAINTEXT): ${secure.join(',')}`);
    await expect(page.getByTestId('listener-bootstrap-PLAINTEXT')).toHaveText(`Bootstrap on PLAINTEXT (PLAINTEXT): ${lab.bootstrap.join(',')}`);
    await page.getByTestId('listener-table').scrollIntoViewIfNeeded();
    await shotThemes('listeners');

    const clients = new ClientsPage(page);
    await clients.open();
    await expect(clients.rows('e2e-on-secure').filter({ hasText: 'Produce' }).first().getByTestId('client-principal')).toHaveText('User:alice SECURE');
    await expect(clients.rows('e2e-on-plaintext').filter({ hasText: 'Produce' }).first().getByTestId('client-principal')).toHaveText('User:ANONYMOUS PLAINTEXT');
    await expect(clients.rows('e2e-on-secure').filter({ hasText: 'Produce' }).first().getByTestId('client-principal')).toHaveAttribute('title', 'Listener SECURE (SASL_PLAINTEXT); principal User:alice, authenticated with SASL SCRAM-SHA-512');
    await shotThemes('clients');
  } finally {
    await Promise.all([plainProducer.disconnect(), secureProducer.disconnect(), admin.disconnect()]);
  }
});
