/**
 * User settings: one WXT storage item per setting (`local:<name>`, versioned, with migrations), and one
 * reader, `readSettings()`, that every part of the extension goes through. Each stored value is checked
 * with its zod schema; a bad one (an old format, a hand-edited or corrupted profile) falls back to the
 * default for that setting alone, and is reported as a problem so the popup and the options page can say
 * so. Nothing that was valid is lost: a list keeps its valid entries, the other settings keep their values.
 *
 * zod/mini, not classic zod: this module is bundled into the popup, the options page, the background and
 * the annotator, and classic zod adds about 60 kB to each (and a `new Function` that web-ext lint flags).
 * The dataset's schemas (src/data/schema.ts) run at build time and in tests, and keep classic zod.
 */
import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { normalizeSite, sitesOf } from './site';
import { PERSISTENT, privateSettingsItem, readPrivateSession, watchPrivateSession, type Scope } from './private-session';

export { normalizeSite, siteIsDisabled, siteOf } from './site';

/**
 * How a card opens: `hover` (a mouse resting on a highlight, a click, a tap or the keyboard; a touch
 * screen has no hover, so there it is a tap) or `click` (only a click, a tap or the keyboard).
 */
export const CARD_OPEN_MODES = ['hover', 'click'] as const;
export type CardOpenMode = (typeof CARD_OPEN_MODES)[number];
/** How mentions are painted: colour and underline, or the underline alone (for readers who find fills loud). */
export const HIGHLIGHT_STYLES = ['color', 'underline'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
/** The language of the popup, the options page and the cards: the browser's, or a fixed one. */
export const UI_LANGUAGES = ['auto', 'en', 'ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export type Settings = {
  /** Whether highlights are shown (the global toggle, Alt+Shift+T). */
  highlightsEnabled: boolean;
  /** Sites where Treasury Lens does nothing at all (the detector bails out before reading the page). */
  disabledSites: string[];
  cardOpenMode: CardOpenMode;
  /** Fact-checker mode: consistent figures are not highlighted, only what needs a second look. */
  onlyProblems: boolean;
  highlightStyle: HighlightStyle;
  uiLanguage: UiLanguage;
};
export type SettingName = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  highlightsEnabled: true,
  disabledSites: [],
  cardOpenMode: 'hover',
  onlyProblems: false,
  highlightStyle: 'color',
  uiLanguage: 'auto',
});

/** Most sites kept in the list (far more than anyone turns off; a bound for a corrupted profile). */
export const MAX_DISABLED_SITES = 10_000;

const SCHEMAS = {
  highlightsEnabled: z.boolean(),
  disabledSites: z.array(z.string().check(z.minLength(1), z.maxLength(253))).check(z.maxLength(MAX_DISABLED_SITES)),
  cardOpenMode: z.enum(CARD_OPEN_MODES),
  onlyProblems: z.boolean(),
  highlightStyle: z.enum(HIGHLIGHT_STYLES),
  uiLanguage: z.enum(UI_LANGUAGES),
} satisfies Record<SettingName, z.ZodMiniType>;

export const SETTING_NAMES = Object.keys(SCHEMAS) as SettingName[];

export const highlightsEnabledItem = storage.defineItem<boolean>('local:highlightsEnabled', { fallback: true, version: 1 });
export const disabledSitesItem = storage.defineItem<string[]>('local:disabledSites', {
  fallback: [],
  version: 2,
  migrations: {
    // v1 stored what each page's hostname was; v2 stores sites: lower-case, no "www.", no duplicates. An
    // entry that is not a site is kept as it is, for the reader to report.
    2: (old: unknown) => (Array.isArray(old) ? [...new Set(old.map((entry: unknown) => normalizeSite(entry) ?? entry))] : old),
  },
});
export const cardOpenModeItem = storage.defineItem<CardOpenMode>('local:cardOpenMode', { fallback: 'hover', version: 1 });
export const onlyProblemsItem = storage.defineItem<boolean>('local:onlyProblems', { fallback: false, version: 1 });
export const highlightStyleItem = storage.defineItem<HighlightStyle>('local:highlightStyle', { fallback: 'color', version: 1 });
export const uiLanguageItem = storage.defineItem<UiLanguage>('local:uiLanguage', { fallback: 'auto', version: 1 });

type Item<T> = { getValue(): Promise<T>; setValue(value: T): Promise<void>; removeValue(): Promise<void>; watch(cb: (value: T) => void): () => void };
const ITEMS: { [K in SettingName]: Item<Settings[K]> } = {
  highlightsEnabled: highlightsEnabledItem,
  disabledSites: disabledSitesItem,
  cardOpenMode: cardOpenModeItem,
  onlyProblems: onlyProblemsItem,
  highlightStyle: highlightStyleItem,
  uiLanguage: uiLanguageItem,
};

/**
 * A stored setting that was not valid. Without `dropped` the whole value was replaced by the default;
 * with it, that many entries of the list were left out and the rest kept.
 */
export type SettingProblem = { name: SettingName; dropped?: number };
export type ReadSettings = { settings: Settings; problems: SettingProblem[] };

/** One stored value, checked: the value to use, and the problem if it was not valid. */
function check<K extends SettingName>(name: K, stored: unknown): { value: Settings[K]; problem?: SettingProblem } {
  let candidate = stored;
  let dropped = 0;
  if (name === 'disabledSites') {
    const sites = sitesOf(stored);
    if (sites) ({ sites: candidate, dropped } = sites);
  }
  const parsed = SCHEMAS[name].safeParse(candidate);
  if (!parsed.success) {
    console.warn(`Treasury Lens: the stored setting "${name}" is not valid; using the default.`);
    return { value: structuredClone(DEFAULT_SETTINGS[name]), problem: { name } };
  }
  if (dropped) {
    console.warn(`Treasury Lens: ${dropped} entries of the stored setting "${name}" are not valid; they are left out.`);
    return { value: parsed.data as Settings[K], problem: { name, dropped } };
  }
  return { value: parsed.data as Settings[K] };
}

/**
 * Every setting, each checked on its own; a missing one is its default. In a private window's scope, the
 * settings changed in private windows stand in for the stored ones (src/private-session.ts).
 */
export async function readSettings(scope: Scope = PERSISTENT): Promise<ReadSettings> {
  const [values, overlay] = await Promise.all([
    Promise.all(SETTING_NAMES.map((name) => ITEMS[name].getValue())),
    scope.private ? readPrivateSession().then((session) => session.settings) : ({} as Record<string, unknown>),
  ]);
  SETTING_NAMES.forEach((name, i) => {
    if (name in overlay) values[i] = overlay[name] as never;
  });
  const settings = {} as Record<SettingName, unknown>;
  const problems: SettingProblem[] = [];
  SETTING_NAMES.forEach((name, i) => {
    const { value, problem } = check(name, values[i]);
    settings[name] = value;
    if (problem) problems.push(problem);
  });
  return { settings: settings as Settings, problems };
}

/** Hears every later change to any setting (in `scope`), with all of them read again; returns the unwatch. */
export function watchSettings(cb: (read: ReadSettings) => void, scope: Scope = PERSISTENT): () => void {
  const changed = () => void readSettings(scope).then(cb);
  const unwatch = SETTING_NAMES.map((name) => (ITEMS[name].watch as (cb: () => void) => () => void)(changed));
  if (scope.private) unwatch.push(watchPrivateSession(changed));
  return () =>
    unwatch.forEach((u) => {
      try {
        u();
      } catch {
        // An orphaned content script (the extension reloaded): the storage API is gone, its listeners with it.
      }
    });
}

/**
 * Writes the settings given (already valid: from the UI, or from `parseSettings`). From a private window
 * they go to the private session only, and are forgotten with the last private window.
 */
export async function saveSettings(changes: Partial<Settings>, scope: Scope = PERSISTENT): Promise<void> {
  if (scope.private) return privateSettingsItem.setValue({ ...(await privateSettingsItem.getValue()), ...changes });
  await Promise.all(
    (Object.keys(changes) as SettingName[]).map((name) => (ITEMS[name] as Item<unknown>).setValue(changes[name])),
  );
}

/** Writes back what the reader used for the settings that had problems: the valid parts, and defaults. */
export async function repairSettings(read: ReadSettings): Promise<void> {
  await saveSettings(Object.fromEntries(read.problems.map((p) => [p.name, read.settings[p.name]])) as Partial<Settings>);
}

/** Every setting back to its default. */
export async function resetSettings(): Promise<void> {
  await Promise.all(SETTING_NAMES.map((name) => ITEMS[name].removeValue()));
}

// ------------------------------------------------------------------ export and import

export const SETTINGS_FILE_FORMAT = 'treasury-lens-settings';

export function settingsFile(settings: Settings): string {
  return `${JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings }, null, 2)}\n`;
}

/** Why an import was refused: not JSON, not our file, or a field with a wrong value (`field` names it, `disabledSites[2]`). */
export type ImportError = { reason: 'json' | 'format' } | { reason: 'field'; field: string };

/**
 * Reads a settings file (or a bare settings object). Strict: one wrong field refuses the whole file,
 * naming the field, so an import never half-applies. Unknown fields are ignored; missing ones unchanged.
 */
export function parseSettings(text: string): { ok: true; settings: Partial<Settings> } | { ok: false; error: ImportError } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { reason: 'json' } };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: { reason: 'format' } };
  const file = json as { format?: unknown; settings?: unknown };
  const body = file.format === SETTINGS_FILE_FORMAT ? file.settings : file.format === undefined ? json : undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: { reason: 'format' } };
  const out: Partial<Record<SettingName, unknown>> = {};
  for (const name of SETTING_NAMES) {
    const value = (body as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const parsed = SCHEMAS[name].safeParse(value);
    if (!parsed.success) {
      const at = parsed.error.issues[0]?.path[0];
      return { ok: false, error: { reason: 'field', field: typeof at === 'number' ? `${name}[${at}]` : name } };
    }
    if (name === 'disabledSites') {
      const list = parsed.data as string[];
      const bad = list.findIndex((entry) => !normalizeSite(entry));
      if (bad >= 0) return { ok: false, error: { reason: 'field', field: `${name}[${bad}]` } };
      out[name] = sitesOf(list)!.sites;
    } else out[name] = parsed.data;
  }
  return { ok: true, settings: out as Partial<Settings> };
}

// ------------------------------------------------------------------ the single settings, as before

export async function cardOpenMode(): Promise<CardOpenMode> {
  return (await readSettings()).settings.cardOpenMode;
}

export async function highlightsEnabled(scope: Scope = PERSISTENT): Promise<boolean> {
  return (await readSettings(scope)).settings.highlightsEnabled;
}

export async function disabledSites(scope: Scope = PERSISTENT): Promise<string[]> {
  return (await readSettings(scope)).settings.disabledSites;
}

export async function setSiteDisabled(site: string, disabled: boolean, scope: Scope = PERSISTENT): Promise<void> {
  const normal = normalizeSite(site);
  if (!normal) return;
  const current = new Set(await disabledSites(scope));
  if (disabled) current.add(normal);
  else current.delete(normal);
  await saveSettings({ disabledSites: [...current].sort() }, scope);
}

/** The raw storage key the detector reads directly (it carries no storage library, to stay small). */
export const DISABLED_SITES_KEY = 'disabledSites';

