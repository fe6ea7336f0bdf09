/** One concept's explainer: what it is, where the lab differs, its configs, what to try, its scenarios, related concepts, sources. */
import { CONCEPTS, type ConceptId } from './concepts';
import { EXPLAINERS } from './content';
import type { ConfigRef, ConfigScope } from './explainer-types';
import { useExplainer } from './explainer-store';
import { ScenarioLoader } from './ScenarioLoader';

const scopeText: Record<ConfigScope, string> = { broker: 'broker', topic: 'topic', producer: 'producer', consumer: 'consumer' };
const scopeTitle: Record<ConfigScope, string> = {
  broker: 'A broker config: server.properties, or --config name=value when starting the lab; the Broker configs tab lists them',
  topic: 'A topic config: set per topic (its page, or Create topic); the broker\'s log.* or same-named config is its default',
  producer: 'A producer client config (Kafka\'s Java client default)',
  consumer: 'A consumer client config (Kafka\'s Java client default)',
};

export function ExplainerArticle({ concept }: { concept: ConceptId }) {
  const e = EXPLAINERS[concept];
  const follow = useExplainer((s) => s.follow);
  return (
    <article className="explainer" data-testid={`explainer-${concept}`}>
      <p className="explainer-summary">{e.summary}</p>
      {e.body.map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
      {e.labDiffers && <p className="explainer-lab" data-testid="explainer-lab-differs"><strong>In Kafka Lab: </strong>{e.labDiffers}</p>}

      <h3>Configs and their defaults</h3>
      <table className="explainer-configs" data-testid="explainer-configs">
        <thead><tr><th>config</th><th>default</th><th>what it does</th></tr></thead>
        <tbody>{e.configs.map((c) => <ConfigRow key={`${c.scope}:${c.name}`} config={c} />)}</tbody>
      </table>

      <h3>Try it here</h3>
      <ol className="explainer-try">{e.tryIt.map((step) => <li key={step.text}>{step.text}</li>)}</ol>

      <h3>{e.scenarios.length === 1 ? 'The scenario that shows it' : 'Scenarios that show it'}</h3>
      <ul className="explainer-scenarios">{e.scenarios.map((name) => <li key={name}><ScenarioLoader name={name} /></li>)}</ul>

      <h3>Related</h3>
      <p className="explainer-related">
        {e.related.map((id) => (
          <button key={id} type="button" className="link" onClick={() => follow(id)} data-testid={`explainer-link-${id}`}>{CONCEPTS[id].title}</button>
        ))}
      </p>

      <h3>Sources</h3>
      <ul className="explainer-sources">
        {e.sources.map((s) => <li key={s.url}><a href={s.url} target="_blank" rel="noreferrer">{s.label}</a></li>)}
      </ul>
    </article>
  );
}

function ConfigRow({ config: c }: { config: ConfigRef }) {
  const kafka = c.kafkaDefault === null ? '(none)' : c.kafkaDefault;
  return (
    <tr data-testid={`explainer-config-${c.name}`}>
      <td><code>{breakAtDots(c.name)}</code> <span className="hint" title={scopeTitle[c.scope]}>{scopeText[c.scope]}</span></td>
      <td data-testid={`explainer-default-${c.name}`}>
        <code>{kafka}</code>{c.readable && <span className="hint"> ({c.readable})</span>}
        {c.lab && <div className="explainer-lab-value" title={c.lab.why}>lab: <code>{c.lab.value}</code></div>}
      </td>
      <td>{c.meaning}{c.lab && <div className="hint">Kafka Lab starts with {c.lab.value}: {c.lab.why}.</div>}</td>
    </tr>
  );
}

/** A config name with break opportunities after its dots, so narrow columns wrap it between words. */
function breakAtDots(name: string) {
  const parts = name.split('.');
  return parts.map((part, i) => (i < parts.length - 1 ? <span key={i}>{part}.<wbr /></span> : <span key={i}>{part}</span>));
}
