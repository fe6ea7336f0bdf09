/**
 * Issue 16: a lab whose listener is SASL_SSL + SCRAM-SHA-512 (serve mode's security flags). A
 * kafkajs client authenticates as alice over TLS with the CA from the ready line; the UI's own
 * producer authenticates as kafka-lab-ui; the clients view shows each connection's listener and
 * principal, and how it authenticated; the Security view shows the listener and the SCRAM users.
 */
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { expect, startLab, stopLab, test, type Lab } from './fixtures';
import { AppPage } from './pages/app-page';
import { ClientsPage, ProducePage } from './pages/workbench-page';

let lab: Lab;
test.beforeAll(async () => {
  lab = await startLab(['--security-protocol', 'SASL_SSL', '--sasl-mechanism', 'SCRAM-SHA-512', '--user', 'alice:alice-secret']);
});
test.afterAll(async () => {
  if (lab) await stopLab(lab);
});

test('the clients view shows the listener and principal of SASL_SSL connections', async ({ page, shotThemes }) => {
  const readyLine = lab.output().split('\n').find((l) => l.startsWith('kafka-lab serve ready '))!;
  expect(readyLine).toContain('security.protocol=SASL_SSL');
  const caLocation = /ssl\.ca\.location=(\S+)/.exec(readyLine)![1]!;
  const kafka = new Kafka({ clientId: 'e2e-sasl-alice', brokers: lab.bootstrap, ssl: { ca: [readFileSync(caLocation, 'utf8')] }, sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' }, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'secured', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: 'secured', messages: [{ key: 'a', value: '1' }] });
    const app = new AppPage(page);
    await app.open(lab.url);
    const produce = new ProducePage(page);
    await produce.open();
    await produce.produce('secured', { key: 'ui', value: 'from the panel' });
    const clients = new ClientsPage(page);
    await clients.open();
    const alice = clients.rows('e2e-sasl-alice').filter({ hasText: 'Produce' }).first().getByTestId('client-principal');
    await expect(alice).toHaveText('User:alice SASL_SSL');
    await expect(alice).toHaveAttribute('title', 'Listener SASL_SSL (SASL_SSL); principal User:alice, authenticated with SASL SCRAM-SHA-512');
    await expect(clients.rows('kafka-lab-ui-producer').first().getByTestId('client-principal')).toHaveText('User:kafka-lab-ui SASL_SSL');
    await page.getByTestId('clients-filter').fill('User:alice');
    await expect(page.getByTestId('client-row').first()).toHaveAttribute('data-client-id', 'e2e-sasl-alice');
    await shotThemes('principals');
    // The Security view says what the listener is and who may log in (names and mechanisms, no secrets).
    await page.getByTestId('tab-security').click();
    await expect(page.getByTestId('listener-SASL_SSL-1')).toContainText('SASL_SSL');
    await expect(page.getByTestId('listener-SASL_SSL-1')).toContainText('SCRAM-SHA-512');
    await expect(page.getByTestId('scram-user-alice')).toContainText('SCRAM-SHA-512 (4,096 iterations)');
    await expect(page.getByTestId('scram-user-kafka-lab-ui')).toContainText("this app's own clients");
    await expect(page.getByTestId('security-view')).not.toContainText('alice-secret');
    await shotThemes('security-view');
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
});
