/** Number, byte, rate and time formatting shared by the views. */

const integerFormat = new Intl.NumberFormat('en-US');

export function formatInteger(n: number): string {
  return integerFormat.format(Math.round(n));
}

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatRate(perSec: number, unit = 'rec'): string {
  if (perSec === 0) return `0 ${unit}/s`;
  if (perSec < 10) return `${perSec.toFixed(1)} ${unit}/s`;
  return `${formatInteger(perSec)} ${unit}/s`;
}

export function formatByteRate(bytesPerSec: number): string {
  return `${formatBytes(bytesPerSec)}/s`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDate}`;
  let format = timeFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone: timeZone === 'local' ? undefined : timeZone,
        year: withDate ? 'numeric' : undefined, month: withDate ? '2-digit' : undefined, day: withDate ? '2-digit' : undefined,
        hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23',
      });
    } catch {
      format = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    }
    timeFormats.set(key, format);
  }
  return format;
}

/** The last minute formatted per format: its start (ms) and its text up to the seconds ("… 00:01:"). */
const minuteCache = new Map<Intl.DateTimeFormat, { start: number; prefix: string }>();

/**
 * Simulated (or wall) time as "2026-01-01 00:01:23.456" in the chosen zone ('local' = the browser's).
 * Intl formatting costs ≈ 0.1 ms a call and the top bar's stamp is drawn on every snapshot, so the
 * zone-dependent part is formatted once per minute and the seconds are added here; a zone whose
 * minute does not start at :00.000 (historic offsets in seconds) is formatted whole every time.
 */
export function formatTime(ms: number, timeZone: string, withDate = true): string {
  const format = timeFormat(timeZone, withDate);
  if (!Number.isFinite(ms)) return format.format(ms).replace(', ', ' ');
  ms = Math.trunc(ms); // as Date does (TimeClip)
  const start = ms - (((ms % 60_000) + 60_000) % 60_000);
  let minute = minuteCache.get(format);
  if (!minute || minute.start !== start) {
    const text = format.format(start).replace(', ', ' ');
    if (!text.endsWith(':00.000')) return format.format(ms).replace(', ', ' ');
    minuteCache.set(format, (minute = { start, prefix: text.slice(0, -6) }));
  }
  const millis = ms - start;
  const seconds = Math.floor(millis / 1000);
  const fraction = Math.floor(millis % 1000);
  return `${minute.prefix}${seconds < 10 ? '0' : ''}${seconds}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
}

let localZone: string | null = null;

/** The short zone name shown next to times ("UTC", "CET", …). */
export function timeZoneLabel(timeZone: string): string {
  if (timeZone !== 'local') return timeZone;
  // Looked up once: building an Intl.DateTimeFormat costs ≈ 0.3 ms, and the time stamp is drawn on every snapshot.
  localZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'local';
  return localZone;
}
