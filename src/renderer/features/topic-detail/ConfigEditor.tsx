/** A topic's configs: value, Kafka's default and where the value comes from; editable unless read-only. */
import { memo, useCallback } from 'react';
import type { ConfigEntryView } from '../../../shared';
import { useAppStoreApi } from '../../store/store-context';
import { ConfigTable } from './ConfigTable';

/** Memoised: snapshot patches keep a topic's configs array while its configs do not change. */
export const ConfigEditor = memo(function ConfigEditor({ topic, configs }: { topic: string; configs: ConfigEntryView[] }) {
  const store = useAppStoreApi();
  const alter = useCallback((name: string, value: string | null) => store.getState().execute({ type: 'alter-topic-config', topic, configs: { [name]: value } }), [store, topic]);
  return (
    <section className="panel config-editor" data-testid="config-editor">
      <h2>Configuration</h2>
      <ConfigTable configs={configs} overrideSource="DYNAMIC_TOPIC_CONFIG" resetTitle="Delete the topic override" alter={alter} />
    </section>
  );
});
