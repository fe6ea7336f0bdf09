/**
 * Issue 17: the connections screen — the saved remote clusters (add, edit, test, delete, open) and
 * where their secrets are kept (serve mode: in memory only, and the screen says so).
 */
import { useEffect, useState } from 'react';
import type { ConnectionTestReport } from '../../../shared/connection-profile';
import type { ConnectionProfileList, ConnectionProfileSummary } from '../../../shared/remote-contract';
import { ProfileForm } from './ProfileForm';
import { TestReportView } from './TestReportView';
import { useClusterChoice } from './cluster-choice';

export function ConnectionsScreen() {
  const choice = useClusterChoice();
  const [list, setList] = useState<ConnectionProfileList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ConnectionProfileSummary | 'new' | null>(null);
  const [reports, setReports] = useState<Record<string, ConnectionTestReport | 'running'>>({});
  const base = choice?.base;
  const version = choice?.profilesVersion ?? 0;

  useEffect(() => {
    if (!base) return;
    base.listConnectionProfiles().then((l) => { setList(l); setError(null); }, (e: Error) => setError(e.message));
  }, [base, version, choice?.connectionsOpen]);

  if (!choice || !choice.connectionsOpen || !base) return null;
  const close = () => choice.openConnections(false);
  const test = async (p: ConnectionProfileSummary) => {
    setReports((r) => ({ ...r, [p.id]: 'running' }));
    try {
      const report = await base.testConnection({ profileId: p.id });
      setReports((r) => ({ ...r, [p.id]: report }));
    } catch (e) {
      setError((e as Error).message);
      setReports((r) => { const { [p.id]: _, ...rest } = r; return rest; });
    }
  };
  const remove = async (p: ConnectionProfileSummary) => {
    if (!window.confirm(`Delete the profile "${p.name}"? Its saved credentials go with it.`)) return;
    const result = await base.deleteConnectionProfile(p.id);
    if (!result.ok) setError(`${result.errorName}: ${result.message}`);
    if (choice.current === p.id) choice.choose('lab');
    choice.profilesChanged();
  };

  return (
    <div className="connections-screen" role="dialog" aria-modal="true" aria-label="Connections" data-testid="connections-screen">
      <div className="connections-head">
        <h2>Connections</h2>
        <button type="button" className="btn" onClick={close} data-testid="connections-close">Close</button>
      </div>
      {list?.secretStorage === 'memory' && (
        <p className="banner" role="note" data-testid="secrets-in-memory">Serve mode has no keychain: profiles and their passwords and keys stay in this server's memory only and are gone when it stops.</p>
      )}
      {list?.secretStorage === 'encrypted' && <p className="hint" data-testid="secrets-encrypted">Passwords and keys are saved encrypted with the system keychain.</p>}
      {error && <p className="inline-error" data-testid="connections-error">{error}</p>}
      {editing === null && (
        <>
          <table className="profiles-table" data-testid="profiles-table">
            <thead><tr><th>Name</th><th>Bootstrap servers</th><th>Security</th><th></th></tr></thead>
            <tbody>
              {list?.profiles.length === 0 && <tr><td colSpan={4} className="hint">No remote clusters yet.</td></tr>}
              {list?.profiles.map((p) => {
                const report = reports[p.id];
                return (
                  <tr key={p.id} data-testid={`profile-row-${p.name}`}>
                    <td><span className="colour-tag" style={{ background: p.colour }} aria-hidden="true" /> {p.name} {p.readOnly && <span className="badge badge-readonly">read-only</span>}</td>
                    <td><code>{p.bootstrapServers}</code></td>
                    <td>{p.securityProtocol}{p.sasl ? ` · ${p.sasl.mechanism} as ${p.sasl.username}` : ''}</td>
                    <td className="profile-actions">
                      <button type="button" className="btn btn-small" onClick={() => { choice.choose(p.id); close(); }} data-testid="profile-open" title="Show this cluster in the views">Open</button>
                      <button type="button" className="btn btn-small" onClick={() => void test(p)} disabled={report === 'running'} data-testid="profile-row-test" title="Runs the connection steps one by one with the saved settings">{report === 'running' ? 'Testing…' : 'Test connection'}</button>
                      <button type="button" className="btn btn-small" onClick={() => setEditing(p)} data-testid="profile-edit">Edit</button>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(p)} data-testid="profile-delete">Delete</button>
                      {report && report !== 'running' && <TestReportView report={report} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="form-actions"><button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="profile-add">Add cluster…</button></div>
        </>
      )}
      {editing !== null && (
        <ProfileForm base={base} profile={editing === 'new' ? null : editing} onDone={(saved) => { setEditing(null); if (saved) choice.profilesChanged(); }} />
      )}
    </div>
  );
}
