/**
 * The Security view (issue 16): the listeners and their security protocols, the SCRAM users, the authorizer's
 * settings, the ACLs (list, create, delete) and the client quotas. Read-only viewers see the
 * lists without any control.
 */
import { useApp, useReadOnly } from '../../store/store-context';
import { AclList } from './AclList';
import { CreateAclForm } from './CreateAclForm';
import { ListenersTable, ScramUsersTable } from './ListenersAndUsers';
import { QuotaPanel } from './QuotaPanel';

const AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';
const QUOTA_NAME = { produce: 'producer_byte_rate', fetch: 'consumer_byte_rate', request: 'request_percentage' } as const;
const QUOTA_UNIT = { produce: 'bytes/s', fetch: 'bytes/s', request: '%' } as const;

export function SecurityView() {
  const security = useApp((s) => s.snapshot?.security ?? null);
  const brokers = useApp((s) => s.snapshot?.brokers ?? []);
  const listenerSecurity = useApp((s) => s.snapshot?.listenerSecurity ?? null);
  const readOnly = useReadOnly();
  if (!security) return <p className="empty">This cluster does not report its security settings.</p>;
  return (
    <section className="panel security-view" data-testid="security-view">
      <h2>Security</h2>
      <h3>Listeners</h3>
      <ListenersTable listenerSecurity={listenerSecurity} brokers={brokers} />
      <h3>Users</h3>
      <ScramUsersTable listenerSecurity={listenerSecurity} />
      <h3>Authorizer</h3>
      <p data-testid="authorizer-status">
        {security.authorizerEnabled
          ? <>On: <code>authorizer.class.name={AUTHORIZER}</code>. Requests are checked against the ACLs below; a denial answers Kafka&apos;s *_AUTHORIZATION_FAILED error and appears in the timeline (Security).</>
          : <>Off: <code>authorizer.class.name</code> is not set, so every request is allowed and the ACL APIs answer SECURITY_DISABLED. ACLs added here are kept and apply once the broker starts with <code>--config authorizer.class.name={AUTHORIZER}</code>.</>}
      </p>
      <p className="hint" data-testid="authorizer-settings">
        super.users: {security.superUsers.length > 0 ? security.superUsers.map((u) => <code key={u}>{u} </code>) : 'none'} · allow.everyone.if.no.acl.found: <code>{String(security.allowEveryoneIfNoAclFound)}</code>
      </p>
      <h3>ACLs ({security.acls.length})</h3>
      <AclList acls={security.acls} readOnly={readOnly} />
      {!readOnly && <CreateAclForm />}
      <h3>Client quotas</h3>
      <p className="hint">
        Stored in the cluster metadata (DescribeClientQuotas / AlterClientQuotas) and enforced by each broker on its own, as Kafka does: a client over
        producer_byte_rate or consumer_byte_rate gets a throttle time in its Produce/Fetch response (a throttled Fetch is answered empty), a client over
        request_percentage (the broker's time handling its requests, as a percentage of one thread) a throttle time in any response, and its
        connection is muted for that time (measured over quota.window.num × quota.window.size.seconds of wall-clock time).
      </p>
      <QuotaPanel quotas={security.quotas} readOnly={readOnly} />
      <h3>Throttled now</h3>
      {security.throttled.length === 0 ? <p className="empty" data-testid="throttled-empty">No client is being throttled.</p> : (
        <table className="security-table" data-testid="throttled-table">
          <thead><tr>
            <th>Broker</th><th>user</th><th>client-id</th><th title="The quota that throttles this client on this broker">Quota</th>
            <th title="The rate measured over the quota window (quota.window.num × quota.window.size.seconds)">Measured</th>
            <th title="throttleTimeMs of its last throttled response: how long the client should wait">Last throttle time</th>
            <th title="How long the broker still reads nothing from its connection (KIP-219 muting)">Muted for</th>
          </tr></thead>
          <tbody>
            {security.throttled.map((t) => (
              <tr key={`${t.brokerId} ${t.quotaType} ${t.user} ${t.clientId}`} data-testid="throttled-row" data-client-id={t.clientId} data-quota-type={t.quotaType}>
                <td>{t.brokerId}</td><td><code>{t.user}</code></td><td><code>{t.clientId}</code></td>
                <td>{QUOTA_NAME[t.quotaType]} {t.quota} {QUOTA_UNIT[t.quotaType]}</td>
                <td>{t.measuredRate} {QUOTA_UNIT[t.quotaType]}</td><td>{t.throttleTimeMs} ms</td><td>{t.mutedForMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
