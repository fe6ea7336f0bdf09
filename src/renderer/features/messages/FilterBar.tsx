/**
 * The message browser's filter inputs (issue 12): a plain-text "contains" over key, value and/or
 * headers with a case option, and a JMESPath expression over the record (value parsed as JSON when
 * it is JSON). Both run on the host when Scan or Live tail starts (see RecordFilter), so records
 * that do not match are never shipped to this page. The expression's syntax is checked here as
 * it is typed; the host checks it again (and its function names) and says why it refuses.
 */
import { compile } from '@jmespath-community/jmespath';
import type { RecordFilter } from '../../../shared/workbench-contract';

export type FilterField = 'key' | 'value' | 'headers';

export interface FilterState {
  text: string;
  fields: FilterField[];
  caseSensitive: boolean;
  expression: string;
}

export const emptyFilter: FilterState = { text: '', fields: ['key', 'value', 'headers'], caseSensitive: false, expression: '' };

/** The filter to send (undefined when nothing is set), or why it cannot be sent. */
export function toRecordFilter(f: FilterState): { filter: RecordFilter | undefined; error: string | null } {
  const filter: RecordFilter = {};
  if (f.text !== '') {
    if (f.fields.length === 0) return { filter: undefined, error: 'The text filter searches no field: tick key, value or headers.' };
    filter.text = { text: f.text, fields: f.fields, caseSensitive: f.caseSensitive };
  }
  if (f.expression.trim() !== '') {
    try {
      compile(f.expression);
    } catch (error) {
      return { filter: undefined, error: `Not a JMESPath expression: ${error instanceof Error ? error.message : String(error)}` };
    }
    filter.expression = f.expression;
  }
  return { filter: filter.text || filter.expression !== undefined ? filter : undefined, error: null };
}

const expressionHelp = 'JMESPath over {topic, partition, offset, timestamp, timestampType, key, value, headers, size, leaderEpoch, isTransactional, controlMarker}; '
  + 'key and value are parsed JSON when they are JSON, else text. Literals in backticks, strings in single quotes. '
  + "Examples: value.amount > `100` · value.currency == 'EUR' · headers.source == 'crm' · starts_with(key, 'customer-') · size > `1024`. "
  + 'A record matches when the result is not false, null, empty or missing.';

export function FilterBar({ state, onChange, error }: { state: FilterState; onChange(next: FilterState): void; error: string | null }) {
  const toggle = (field: FilterField) => onChange({ ...state, fields: state.fields.includes(field) ? state.fields.filter((f) => f !== field) : [...state.fields, field] });
  return (
    <div className="toolbar wb-filter" data-testid="browser-filter">
      <label className="field" title="Shows only records whose chosen fields contain this text (UTF-8; bytes that are not UTF-8 as hex). Applied on the host when you Scan or start a live tail.">
        Contains
        <input value={state.text} onChange={(e) => onChange({ ...state, text: e.target.value })} size={16} placeholder="text" data-testid="filter-text" />
      </label>
      <span className="wb-filter-fields" role="group" aria-label="Fields the text filter searches">
        in
        {(['key', 'value', 'headers'] as const).map((field) => (
          <label key={field} title={`Search the record's ${field === 'headers' ? 'header keys and values' : field} for the text`}>
            <input type="checkbox" checked={state.fields.includes(field)} onChange={() => toggle(field)} data-testid={`filter-field-${field}`} /> {field}
          </label>
        ))}
        <label title="Match upper and lower case exactly (off: 'eur' finds 'EUR')">
          <input type="checkbox" checked={state.caseSensitive} onChange={(e) => onChange({ ...state, caseSensitive: e.target.checked })} data-testid="filter-case" /> match case
        </label>
      </span>
      <label className="field wb-filter-expression" title={expressionHelp}>
        JMESPath
        <input value={state.expression} onChange={(e) => onChange({ ...state, expression: e.target.value })} placeholder="value.amount > `100`" spellCheck={false}
          aria-invalid={error !== null} data-testid="filter-expression" />
      </label>
      {(state.text !== '' || state.expression !== '') && (
        <button type="button" className="btn btn-small" onClick={() => onChange({ ...emptyFilter })} title="Clear the text and the expression; the next Scan shows every record" data-testid="filter-clear">Clear filter</button>
      )}
      {error && <span className="field-error" role="alert" data-testid="filter-error">{error}</span>}
    </div>
  );
}
