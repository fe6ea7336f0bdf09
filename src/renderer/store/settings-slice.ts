/** Settings slice: theme and time zone, remembered across sessions when storage is given. */
import type { StateCreator } from 'zustand/vanilla';

export type ThemeName = 'light' | 'dark' | 'projector';

export interface Settings {
  theme: ThemeName;
  /** 'local' or an IANA zone such as 'UTC' or 'Europe/Berlin'. */
  timeZone: string;
}

export interface SettingsSlice {
  settings: Settings;
  setTheme(theme: ThemeName): void;
  setTimeZone(timeZone: string): void;
}

/** The subset of Web Storage the slice needs (localStorage in the app, a Map in tests). */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const storageKey = 'kafka-lab.settings';
export const defaultSettings: Settings = { theme: 'light', timeZone: 'local' };

/** Reads saved settings, ignoring anything malformed. */
export function loadSettings(storage: SettingsStorage | null): Settings {
  try {
    const saved = JSON.parse(storage?.getItem(storageKey) ?? 'null') as Partial<Settings> | null;
    const theme = saved?.theme === 'dark' || saved?.theme === 'projector' || saved?.theme === 'light' ? saved.theme : defaultSettings.theme;
    const timeZone = typeof saved?.timeZone === 'string' ? saved.timeZone : defaultSettings.timeZone;
    return { theme, timeZone };
  } catch {
    return defaultSettings;
  }
}

export function createSettingsSlice(storage: SettingsStorage | null): StateCreator<SettingsSlice, [], [], SettingsSlice> {
  return (set, get) => {
    const save = (settings: Settings) => {
      set({ settings });
      try {
        storage?.setItem(storageKey, JSON.stringify(settings));
      } catch {
        // Storage full or disabled (private windows): the setting still applies for this session.
      }
    };
    return {
      settings: loadSettings(storage),
      setTheme: (theme) => save({ ...get().settings, theme }),
      setTimeZone: (timeZone) => save({ ...get().settings, timeZone }),
    };
  };
}
