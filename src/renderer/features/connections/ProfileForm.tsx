/**
 * Issue 17: add or edit a connection profile, and test it before saving. An existing profile's
 * password and private key are never sent to the UI: left empty, the stored ones are kept (and used
 * by "Test connection").
 */
import { useState } from 'react';
import type { ClusterSource } from '../../../shared/cluster-source';
import { saslMechanisms, securityProtocols, type ConnectionSettings, type ConnectionTestReport, type SaslMechanism, type SecurityProtocol } from '../../../shared/connection-profile';
import { DEFAULT_REMOTE_POLL_INTERVAL_MS, profileColours, type ConnectionProfileInput, type ConnectionProfileSummary } from '../../../shared/remote-contract';
import { TestReportView } from './TestReportView';

interface Draft {
  name: string; colour: string; bootstrapServers: string; securityProtocol: SecurityProtocol;
  mechanism: SaslMechanism; username: string; password: string;
  caPem: string; certPem: string; keyPem: string; verifyHostname: boolean;
  readOnly: boolean; connectTimeoutMs: string; pollIntervalMs: string;
}

function draftOf(p: ConnectionProfileSummary | null): Draft {
  return {
    name: p?.name ?? '', colour: p?.colour ?? profileColours[0].value, bootstrapServers: p?.bootstrapServers ?? '', securityProtocol: p?.securityProtocol ?? 'SASL_SSL',
    mechanism: p?.sasl?.mechanism ?? 'SCRAM-SHA-512', username: p?.sasl?.username ?? '', password: '',
    caPem: p?.tls?.caPem ?? '', certPem: p?.tls?.certPem ?? '', keyPem: '', verifyHostname: p?.tls?.verifyHostname ?? true,
    readOnly: p?.readOnly ?? true, connectTimeoutMs: String(p?.connectTimeoutMs ?? 10000), pollIntervalMs: String(p?.pollIntervalMs ?? DEFAULT_REMOTE_POLL_INTERVAL_MS),
  };
}

function settingsOf(d: Draft): ConnectionSettings {
  const sasl = d.securityProtocol.startsWith('SASL_') ? { sasl: { mechanism: d.mechanism, username: d.username, password: d.password } } : {};
  const tls = d.securityProtocol.endsWith('SSL') ? { tls: { verifyHostname: d.verifyHostname, ...(d.caPem.trim() ? { caPem: d.caPem } : {}), ...(d.certPem.trim() ? { certPem: d.certPem } : {}), ...(d.keyPem.trim() ? { keyPem: d.keyPem } : {}) } } : {};
  return { bootstrapServers: d.bootstrapServers.trim(), securityProtocol: d.securityProtocol, connectTimeoutMs: Number(d.connectTimeoutMs), ...sasl, ...tls };
}

export function ProfileForm({ base, profile, onDone }: { base: ClusterSource; profile: ConnectionProfileSummary | null; onDone(saved: boolean): void }) {
  const [d, setD] = useState<Draft>(() => draftOf(profile));
  const [report, setReport] = useState<ConnectionTestReport | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((x) => ({ ...x, [key]: value }));
  const sasl = d.securityProtocol.startsWith('SASL_');
  const tls = d.securityProtocol.endsWith('SSL');

  const test = async () => {
    setBusy('test');
    setReport(null);
    try {
      setReport(await base.testConnection({ settings: settingsOf(d), ...(profile ? { profileId: profile.id } : {}) }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    setBusy('save');
    setError(null);
    const input: ConnectionProfileInput = { ...settingsOf(d), ...(profile ? { id: profile.id } : {}), name: d.name, colour: d.colour, readOnly: d.readOnly, pollIntervalMs: Number(d.pollIntervalMs) };
    try {
      const result = await base.saveConnectionProfile(input);
      if (result.ok) onDone(true);
      else setError(`${result.errorName}: ${result.message}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="profile-form" data-testid="profile-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="fields">
        <label className="field">Name<input value={d.name} onChange={(e) => set('name', e.target.value)} data-testid="profile-name" required /></label>
        <label className="field" title="The colour of this cluster's tag in the switcher">Colour tag
          <select value={d.colour} onChange={(e) => set('colour', e.target.value)} data-testid="profile-colour">
            {profileColours.map((c) => <option key={c.value} value={c.value} style={{ color: c.value }}>● {c.name}</option>)}
            {!profileColours.some((c) => c.value === d.colour) && <option value={d.colour}>● {d.colour}</option>}
          </select>
        </label>
        <label className="field" title="bootstrap.servers: comma-separated host:port of one or more brokers">Bootstrap servers<input value={d.bootstrapServers} onChange={(e) => set('bootstrapServers', e.target.value)} placeholder="kafka-1:9093,kafka-2:9093" data-testid="profile-bootstrap" required /></label>
        <label className="field" title="security.protocol of the listener these servers are on">Security protocol
          <select value={d.securityProtocol} onChange={(e) => set('securityProtocol', e.target.value as SecurityProtocol)} data-testid="profile-protocol">
            {securityProtocols.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        {sasl && <>
          <label className="field" title="sasl.mechanism">SASL mechanism
            <select value={d.mechanism} onChange={(e) => set('mechanism', e.target.value as SaslMechanism)} data-testid="profile-mechanism">
              {saslMechanisms.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <label className="field">User name<input value={d.username} onChange={(e) => set('username', e.target.value)} autoComplete="off" data-testid="profile-username" /></label>
          <label className="field" title={profile?.sasl?.hasPassword ? 'Leave empty to keep the saved password' : undefined}>Password<input type="password" value={d.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" placeholder={profile?.sasl?.hasPassword ? '(saved; empty keeps it)' : ''} data-testid="profile-password" /></label>
        </>}
        <label className="field" title="socket.connection.setup.timeout.ms: how long a TCP connect and TLS handshake may take">Connect timeout (ms)<input type="number" min={100} value={d.connectTimeoutMs} onChange={(e) => set('connectTimeoutMs', e.target.value)} data-testid="profile-connect-timeout" /></label>
        <label className="field" title="How often the cluster view asks the cluster again">Poll interval (ms)<input type="number" min={1000} value={d.pollIntervalMs} onChange={(e) => set('pollIntervalMs', e.target.value)} data-testid="profile-poll" /></label>
      </div>
      {tls && <div className="fields tls-fields">
        <label className="field" title="PEM certificates of the CA that signed the brokers' certificates; empty: the system's trusted CAs">CA certificate (PEM)<textarea rows={3} value={d.caPem} onChange={(e) => set('caPem', e.target.value)} data-testid="profile-ca" /></label>
        <label className="field" title="For listeners with ssl.client.auth=required">Client certificate (PEM)<textarea rows={3} value={d.certPem} onChange={(e) => set('certPem', e.target.value)} data-testid="profile-cert" /></label>
        <label className="field" title={profile?.tls?.hasKey ? 'Leave empty to keep the saved key' : 'Unencrypted PEM private key of the client certificate'}>Client key (PEM)<textarea rows={3} value={d.keyPem} onChange={(e) => set('keyPem', e.target.value)} placeholder={profile?.tls?.hasKey ? '(saved; empty keeps it)' : ''} data-testid="profile-key" /></label>
        <label className="field-inline" title="ssl.endpoint.identification.algorithm=https: the broker's certificate must name the host connected to"><input type="checkbox" checked={d.verifyHostname} onChange={(e) => set('verifyHostname', e.target.checked)} data-testid="profile-verify-hostname" /> Verify host name</label>
      </div>}
      <label className="field-inline" title="Shown as a read-only badge; on by default for remote clusters. This version of Kafka Lab sends no change to a remote cluster either way."><input type="checkbox" checked={d.readOnly} onChange={(e) => set('readOnly', e.target.checked)} data-testid="profile-read-only" /> Read-only</label>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void test()} disabled={busy !== null} data-testid="profile-test" title="Runs name resolution, TCP connect, TLS, ApiVersions, SASL and Metadata against these settings, one by one">{busy === 'test' ? 'Testing…' : 'Test connection'}</button>
        <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="profile-save">Save</button>
        <button type="button" className="btn" onClick={() => onDone(false)} data-testid="profile-cancel">Cancel</button>
        {error && <span className="inline-error" data-testid="profile-error">{error}</span>}
      </div>
      {report && <TestReportView report={report} />}
    </form>
  );
}
