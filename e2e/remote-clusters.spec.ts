/**
 * Issue 17: the app (an embedded lab) connects to a second embedded cluster started here with
 * SASL_SSL and SCRAM-SHA-512 as a remote: a profile is added on the connections screen, "Test
 * connection" names the SASL step for a wrong password and passes every step with the right one,
 * and opening the remote shows its brokers, controller, topics, leaders and ISR as that cluster
 * reports them about itself (its own UI's snapshot), with a group's committed offsets and lag, and
 * the read-only badge.
 */
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import forge from 'node-forge';
import { blackHolePort } from '../src/clients/testing/black-hole-port';
import { expect, startLab, stopLab, test, type Lab } from './fixtures';
import type { ClusterView } from '../src/shared/cluster-view';

let remoteLab: Lab;
let caPem: string;
test.beforeAll(async () => {
  remoteLab = await startLab(['--security-protocol', 'SASL_SSL', '--sasl-mechanism', 'SCRAM-SHA-512', '--user', 'alice:alice-secret']);
  const readyLine = remoteLab.output().split('\n').find((l) => l.startsWith('kafka-lab serve ready '))!;
  caPem = readFileSync(/ssl\.ca\.location=(\S+)/.exec(readyLine)![1]!, 'utf8');
  const kafka = new Kafka({ clientId: 'e2e-remote-setup', brokers: remoteLab.bootstrap, ssl: { ca: [caPem] }, sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' }, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'remote-orders', numPartitions: 4, replicationFactor: 3 }, { topic: 'remote-audit', numPartitions: 1, replicationFactor: 2 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'remote-orders', acks: -1, messages: Array.from({ length: 12 }, (_, i) => ({ partition: i % 2, value: `order-${i}` })) });
  await producer.disconnect();
  // A group that committed part of the way: lag 6 − 2 on partition 0 and 6 − 5 on partition 1.
  await admin.setOffsets({ groupId: 'billing', topic: 'remote-orders', partitions: [{ partition: 0, offset: '2' }, { partition: 1, offset: '5' }] });
  await admin.disconnect();
});
test.afterAll(async () => {
  if (remoteLab) await stopLab(remoteLab);
});

const shapeOf = (view: ClusterView) => ({
  brokers: view.brokers.map((b) => [b.brokerId, b.port, b.isActiveController]),
  controller: view.controller.activeControllerId,
  topics: view.topics.filter((t) => !t.internal).map((t) => [t.name, t.partitions.map((p) => [p.partition, p.leader, p.replicas, p.inSyncReplicas, p.highWatermark])]),
  groups: view.groups.map((g) => [g.groupId, g.coordinatorId, g.totalLag, g.offsets.map((o) => [o.topic, o.partition, o.committedOffset, o.lag])]),
});

test('adds a SASL_SSL remote, tests it (a wrong password fails at SASL) and opens it in the views', async ({ page, lab, shot }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(lab.url);
  await page.getByTestId('open-connections').click();
  await expect(page.getByTestId('secrets-in-memory')).toContainText('in this server\'s memory only');
  await page.getByTestId('profile-add').click();
  await page.getByTestId('profile-name').fill('staging');
  await page.getByTestId('profile-bootstrap').fill(remoteLab.bootstrap.join(','));
  await page.getByTestId('profile-protocol').selectOption('SASL_SSL');
  await page.getByTestId('profile-mechanism').selectOption('SCRAM-SHA-512');
  await page.getByTestId('profile-username').fill('alice');
  await page.getByTestId('profile-password').fill('not-alices-password');
  await page.getByTestId('profile-ca').fill(caPem);
  await expect(page.getByTestId('profile-read-only')).toBeChecked();

  await page.getByTestId('profile-test').click();
  const report = page.getByTestId('test-report');
  await expect(report).toHaveAttribute('data-failed-step', 'sasl');
  for (const step of ['resolve', 'tcp', 'tls', 'apiVersions']) await expect(page.getByTestId(`test-step-${step}`)).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('test-step-sasl')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('test-step-sasl')).toContainText('SASL_AUTHENTICATION_FAILED');
  await expect(page.getByTestId('test-step-metadata')).toHaveAttribute('data-status', 'not-run');
  await expect(page.getByTestId('test-summary')).toHaveText('Failed at SASL authentication.');
  await shot('test-wrong-password');

  await page.getByTestId('profile-password').fill('alice-secret');
  await page.getByTestId('profile-test').click();
  await expect(page.getByTestId('test-summary')).toHaveText('Connected: every step passed.');
  await expect(page.getByTestId('test-step-metadata')).toContainText('3 brokers');
  await shot('test-passes');
  await page.getByTestId('profile-save').click();
  const row = page.getByTestId('profile-row-staging');
  await expect(row).toContainText('SASL_SSL · SCRAM-SHA-512 as alice');
  await expect(row).toContainText('read-only');
  await shot('profiles');

  await row.getByTestId('profile-open').click();
  await expect(page.getByTestId('connections-screen')).toHaveCount(0);
  await expect(page.getByTestId('remote-banner')).toContainText('staging');
  await expect(page.getByTestId('remote-read-only-badge')).toBeVisible();
  await expect(page.getByTestId('remote-unknown')).toContainText('a follower\'s logEndOffset');
  await expect(page.getByTestId('bootstrap-servers')).toHaveText(remoteLab.bootstrap.join(','));

  // The remote's own UI: its snapshot, the truth to compare with.
  const own = await page.context().newPage();
  await own.goto(remoteLab.url);
  await own.waitForFunction(() => ((window as unknown as { __kafkaLabStore: { getState(): { snapshot: ClusterView | null } } }).__kafkaLabStore.getState().snapshot?.groups.length ?? 0) >= 1);
  const ownView = await own.evaluate(() => (window as unknown as { __kafkaLabStore: { getState(): { snapshot: ClusterView } } }).__kafkaLabStore.getState().snapshot);
  await own.close();
  await expect.poll(async () => shapeOf(await page.evaluate(() => (window as unknown as { __kafkaLabShownStore: { getState(): { snapshot: ClusterView } } }).__kafkaLabShownStore.getState().snapshot)))
    .toEqual(shapeOf(ownView));
  await shot('remote-overview');

  await page.getByTestId('tab-topics').click();
  await expect(page.getByTestId('topics-count')).toContainText('2');
  await expect(page.getByText('remote-orders').first()).toBeVisible();
  await shot('remote-topics');
  expect(shapeOf(ownView).groups).toEqual([['billing', expect.any(Number), 5, [['remote-orders', 0, 2, 4], ['remote-orders', 1, 5, 1]]]]);
  // Every other view opens on the remote without breaking the page.
  for (const tab of ['tab-broker-configs', 'tab-groups', 'tab-messages', 'tab-produce', 'tab-consume', 'tab-clients', 'tab-storage', 'tab-security']) {
    const button = page.getByTestId(tab);
    if (await button.count() === 0) continue;
    await button.click();
    await shot(`remote-${tab}`);
  }
  expect(pageErrors).toEqual([]);

  // Back to the lab: its own topics again, no remote banner.
  await page.getByTestId('cluster-select').selectOption('lab');
  await expect(page.getByTestId('remote-banner')).toHaveCount(0);
  await expect(page.getByTestId('bootstrap-servers')).toHaveText(lab.bootstrap.join(','));
});

test('Test connection names TCP for an address that never answers (within the timeout) and TLS for a CA the brokers do not chain to', async ({ page, lab, shot }) => {
  const otherCa = selfSignedCaPem();
  const blackHole = await blackHolePort();
  try {
    await page.goto(lab.url);
    await page.getByTestId('open-connections').click();
    await page.getByTestId('profile-add').click();
    await page.getByTestId('profile-name').fill('unreachable');
    await page.getByTestId('profile-bootstrap').fill(`127.0.0.1:${blackHole.port}`);
    await page.getByTestId('profile-protocol').selectOption('SASL_SSL');
    await page.getByTestId('profile-username').fill('alice');
    await page.getByTestId('profile-password').fill('alice-secret');
    await page.getByTestId('profile-connect-timeout').fill('500');
    await page.getByTestId('profile-test').click();
    await expect(page.getByTestId('test-report')).toHaveAttribute('data-failed-step', 'tcp');
    await expect(page.getByTestId('test-step-tcp')).toContainText(`no answer from 127.0.0.1:${blackHole.port} within 500 ms`);
    await expect(page.getByTestId('test-step-tls')).toHaveAttribute('data-status', 'not-run');
    await shot('tcp-timeout');

    await page.getByTestId('profile-bootstrap').fill(remoteLab.bootstrap.join(','));
    await page.getByTestId('profile-ca').fill(otherCa);
    await page.getByTestId('profile-test').click();
    await expect(page.getByTestId('test-report')).toHaveAttribute('data-failed-step', 'tls');
    await expect(page.getByTestId('test-step-tls')).toContainText('unknown CA');
    await expect(page.getByTestId('test-step-tcp')).toHaveAttribute('data-status', 'ok');
    await shot('unknown-ca');
  } finally {
    blackHole.close();
  }
});

/** A CA certificate nobody signed the brokers' certificates with. */
function selfSignedCaPem(): string {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '02';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'Some Other CA' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: true }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
