/**
 * What the Produce panel shows while a record is on its way and after: the attempts as they fail
 * (attempt n of m, the error each got, the backoff before the next), then the broker's answer —
 * partition and offset, or for acks=0 the fact that there is no answer, or the error explained.
 */
import { uiProducerRetryPolicy, type Acks, type ProduceAttempt, type ProduceProgress, type ProduceResult } from '../../../shared/workbench-contract';
import { ShowInBrowserLink } from '../messages/produced-record';

function Attempts({ attempts, maxAttempts }: { attempts: ProduceAttempt[]; maxAttempts: number }) {
  if (attempts.length === 0) return null;
  return (
    <ul className="wb-attempts" data-testid="produce-attempts">
      {attempts.map((a) => (
        <li key={a.attempt} data-testid="produce-attempt" data-error={a.errorName}>
          Attempt {a.attempt} of {maxAttempts} at {a.atMs} ms: <strong>{a.errorName}</strong>
          {a.backoffMs !== null ? ` · retrying in ${a.backoffMs} ms` : !a.retriable ? ' · not retriable, so not retried' : a.attempt < maxAttempts ? ' · not retried (it already waited the request\'s timeout)' : ' · last attempt'}
        </li>
      ))}
    </ul>
  );
}

export function ProduceInFlight({ progress, acks }: { progress: ProduceProgress | null; acks: Acks }) {
  const attempt = (progress?.attempts.length ?? 0) + 1;
  const max = progress?.maxAttempts;
  const slow = progress !== null && progress.elapsedMs > 1000 && acks === -1;
  return (
    <div className="wb-result" role="status" data-testid="produce-progress">
      Waiting for the broker's answer{max ? ` · attempt ${Math.min(attempt, max)} of ${max}` : ''}{progress ? ` · ${(progress.elapsedMs / 1000).toFixed(1)} s` : ''}
      {slow && <div className="hint">acks=all: the leader answers once every in-sync replica has the record, or with REQUEST_TIMED_OUT after {uiProducerRetryPolicy.ackTimeoutMs / 1000} s (the request's timeout).</div>}
      {progress && <Attempts attempts={progress.attempts} maxAttempts={progress.maxAttempts} />}
    </div>
  );
}

export function ProduceOutcome({ result }: { result: ProduceResult }) {
  const attempts = result.attempts ?? [];
  const maxAttempts = result.maxAttempts ?? attempts.length;
  if (!result.ok) {
    return (
      <div className="wb-result wb-result-error" role="alert" data-testid="produce-error" data-error={result.errorName}>
        <strong>{result.errorName}</strong>: {result.explanation}
        <div className="hint">{result.message}{result.retriable ? ' · retriable' : ''}{result.elapsedMs > 0 ? ` · ${result.elapsedMs} ms` : ''}</div>
        <Attempts attempts={attempts} maxAttempts={maxAttempts} />
      </div>
    );
  }
  if (result.acknowledged === false) {
    const where = result.partition === null
      ? 'The partition is not known either: kafkajs picked it round-robin and the broker never said.'
      : result.partitionSource === 'chosen'
        ? `Look in partition ${result.partition}: it was chosen in this panel.`
        : `Look in partition ${result.partition}: the producer's partitioner chose it before sending.`;
    return (
      <div className="wb-result wb-result-ok" role="status" data-testid="produce-result" data-acknowledged="false" data-partition={result.partition ?? ''} data-offset="">
        Sent to <strong>{result.topic}</strong> with acks=0 in {result.elapsedMs} ms: <strong>no offset, no confirmation</strong>. {where}
        <div className="hint">{result.note}</div>
      </div>
    );
  }
  return (
    <div className="wb-result wb-result-ok" role="status" data-testid="produce-result" data-acknowledged="true" data-partition={result.partition ?? ''} data-offset={result.offset ?? ''}>
      Written to <strong>{result.topic}-{result.partition}</strong> at offset <strong>{result.offset ?? 'unknown'}</strong> in {result.elapsedMs} ms{result.note ? ` (${result.note})` : ''}.
      {result.partition !== null && result.offset !== null && <ShowInBrowserLink record={{ topic: result.topic, partition: result.partition, offset: result.offset }} />}
      {attempts.length > 0 && <> Acknowledged on attempt {attempts.length + 1} of {maxAttempts}.<Attempts attempts={attempts} maxAttempts={maxAttempts} /></>}
    </div>
  );
}
