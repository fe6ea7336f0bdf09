/**
 * Connector config definitions and their validation, shaped as Kafka's ConfigDef and the REST
 * API's ConfigInfos (ConnectorPluginsResource PUT /connector-plugins/{class}/config/validate):
 * `{"name":<class>,"error_count":n,"groups":[…],"configs":[{"definition":{…},"value":{…}}]}`.
 * Error texts are ConfigDef's ("Missing required configuration \"x\" which has no default value.",
 * "Invalid value v for configuration x: Not a number of type INT").
 */

export type ConfigType = 'STRING' | 'INT' | 'LIST' | 'CLASS';

export type ConfigKeyDef = {
  name: string;
  type: ConfigType;
  /** undefined = required (ConfigDef.NO_DEFAULT_VALUE); null = optional with no value. */
  defaultValue: string | null | undefined;
  importance: 'HIGH' | 'MEDIUM' | 'LOW';
  documentation: string;
  group: string;
  min?: number;
};

/** ConnectorConfig's common keys (the "Common" group). */
export const COMMON_CONFIG: ConfigKeyDef[] = [
  { name: 'name', type: 'STRING', defaultValue: undefined, importance: 'HIGH', documentation: 'Globally unique name to use for this connector.', group: 'Common' },
  { name: 'connector.class', type: 'STRING', defaultValue: undefined, importance: 'HIGH', documentation: 'Name or alias of the class for this connector.', group: 'Common' },
  { name: 'tasks.max', type: 'INT', defaultValue: '1', importance: 'HIGH', documentation: 'Maximum number of tasks to use for this connector.', group: 'Common', min: 1 },
  { name: 'key.converter', type: 'CLASS', defaultValue: null, importance: 'LOW', documentation: 'Converter class for keys (StringConverter or JsonConverter here; default: the worker\'s).', group: 'Common' },
  { name: 'value.converter', type: 'CLASS', defaultValue: null, importance: 'LOW', documentation: 'Converter class for values (StringConverter or JsonConverter here; default: the worker\'s).', group: 'Common' },
];

export type ConfigValueInfo = { name: string; value: string | null; recommended_values: string[]; errors: string[]; visible: boolean };
export type ConfigInfo = {
  definition: { name: string; type: ConfigType; required: boolean; default_value: string | null; importance: string; documentation: string; group: string; width: string; display_name: string; dependents: string[]; order: number };
  value: ConfigValueInfo;
};
export type ConfigInfos = { name: string; error_count: number; groups: string[]; configs: ConfigInfo[] };

/** Validates `props` against `defs`; `extra(name)` adds connector-level errors (Connector.validate). */
export function validateConfig(className: string, defs: ConfigKeyDef[], props: Record<string, string>, extra: (props: Record<string, string>) => Record<string, string[]> = () => ({})): ConfigInfos {
  const extraErrors = extra(props);
  const configs: ConfigInfo[] = defs.map((def, i) => {
    const raw = props[def.name];
    const errors: string[] = [];
    const value = raw ?? def.defaultValue ?? null;
    if (raw === undefined && def.defaultValue === undefined) errors.push(`Missing required configuration "${def.name}" which has no default value.`);
    else if (value !== null && def.type === 'INT') {
      const n = Number(value.trim());
      if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) errors.push(`Invalid value ${value} for configuration ${def.name}: Not a number of type INT`);
      else if (def.min !== undefined && n < def.min) errors.push(`Invalid value ${value} for configuration ${def.name}: Value must be at least ${def.min}`);
    }
    errors.push(...(extraErrors[def.name] ?? []));
    return {
      definition: { name: def.name, type: def.type, required: def.defaultValue === undefined, default_value: def.defaultValue ?? null, importance: def.importance, documentation: def.documentation, group: def.group, width: 'NONE', display_name: def.name, dependents: [], order: i + 1 },
      value: { name: def.name, value, recommended_values: [], errors, visible: true },
    };
  });
  return { name: className, error_count: configs.reduce((n, c) => n + c.value.errors.length, 0), groups: [...new Set(defs.map((d) => d.group))], configs };
}

/** AbstractHerder's message for a create/update whose validation found errors (HTTP 400). */
export function invalidConfigMessage(infos: ConfigInfos): string {
  const lines = infos.configs.flatMap((c) => c.value.errors);
  return `Connector configuration is invalid and contains the following ${lines.length} error(s):\n${lines.join('\n')}\nYou can also find the above list of errors at the endpoint \`/connector-plugins/{connectorType}/config/validate\``;
}
