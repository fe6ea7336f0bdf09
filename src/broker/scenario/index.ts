/**
 * The scenario engine's public API (issue 13). A scenario document (src/shared/scenario-format.ts)
 * runs in the deterministic model: the cluster it describes, its topics, simulated producers and
 * consumer groups, its timed steps and narration, and its expectations checked at the end.
 *
 * - headless: `runScenario(doc, { seed })` runs at full speed in virtual time and returns the
 *   ScenarioReport (tests, `npm run scenario`); predict questions are answered at once.
 * - hosted: the host creates the cluster (`scenarioClusterOptions`), attaches its coordinators,
 *   then `attachScenario(cluster, doc, { seed, coordinators })`; its wall-clock driver must not run
 *   past `session.nextPauseAtMs()` while a predict question waits; `session.reveal(i)` answers it
 *   (logged as an input, so a recording replays the pause and the reveal exactly).
 * - replay: `exportTrace()` of a cluster with a scenario attached carries `scenario`;
 *   `replaySession(json)` rebuilds it, re-attaches the engine and replays only the EXTERNAL inputs
 *   (a user's kcat, UI commands) — the engine's own client calls regenerate from (scenario, seed).
 * - validation: `parseScenario(text)` (schema + semantic checks, errors with field paths).
 */
export { parseScenario, checkScenario, formatScenarioErrors, type ScenarioError, type ParseResult } from './parse';
export { runScenario, runScenarioWithCluster, type RunScenarioOptions, type ScenarioRun } from './run';
export { attachScenario, scenarioClusterOptions, type ScenarioSession, type AttachScenarioOptions } from './session';
export { replaySession, type ReplayedSession } from './replay';
export { builtinScenarioNames, loadBuiltinScenario, BUILTIN_SCENARIO_DIR } from './builtins';
