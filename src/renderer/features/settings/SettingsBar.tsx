/** Theme and time-zone pickers. The projector theme is high-contrast with large type for workshops. */
import { useApp } from '../../store/store-context';
import type { ThemeName } from '../../store/settings-slice';

const zones = ['local', 'UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];

export function SettingsBar() {
  const settings = useApp((s) => s.settings);
  const setTheme = useApp((s) => s.setTheme);
  const setTimeZone = useApp((s) => s.setTimeZone);
  return (
    <span className="settings">
      <label>Theme{' '}
        <select value={settings.theme} onChange={(e) => setTheme(e.target.value as ThemeName)} data-testid="theme-select">
          <option value="light">light</option>
          <option value="dark">dark</option>
          <option value="projector">projector (high contrast)</option>
        </select>
      </label>
      <label>Time zone{' '}
        <select value={settings.timeZone} onChange={(e) => setTimeZone(e.target.value)} data-testid="timezone-select">
          {(zones.includes(settings.timeZone) ? zones : [...zones, settings.timeZone]).map((z) => <option key={z} value={z}>{z === 'local' ? 'local (this computer)' : z}</option>)}
        </select>
      </label>
    </span>
  );
}
