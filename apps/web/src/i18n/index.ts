import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AccountAreaTranslation } from '../features/account/i18n.ts';
import type { AdminTranslation } from '../features/admin/i18n.ts';
import type { HistoryTranslation } from '../features/history/i18n.ts';
import type { RecoveryTranslation } from '../features/recovery/i18n.ts';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGES,
  type Language,
  rememberLanguage,
  storedLanguage,
} from './languages.ts';
import { ptBR, type Translation } from './pt-BR.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The operator area's texts join when its chunk loads (`registerTexts`).
    resources: {
      translation: Translation &
        AdminTranslation &
        AccountAreaTranslation &
        RecoveryTranslation &
        HistoryTranslation;
    };
  }
}

// Read before init: init announces the default language, which the listener below would remember.
const remembered = storedLanguage();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  if (isLanguage(language)) rememberLanguage(language);
});

/** Portuguese ships with the first load; other languages are fetched the first time they are chosen. */
const loaders: Record<Exclude<Language, 'pt-BR'>, () => Promise<Translation>> = {
  en: () => import('./en.ts').then((m) => m.en),
};

/** Texts of areas loaded later (the operator area), in every language. */
const areaTexts: Array<Record<Language, object>> = [];

async function loadLanguage(language: Language): Promise<void> {
  if (language === 'pt-BR' || i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await loaders[language]());
  for (const texts of areaTexts) i18n.addResourceBundle(language, 'translation', texts[language], true, true);
}

/** Adds an area's texts when its chunk loads: now for the languages already here, later for the others. */
export function registerTexts(texts: Record<Language, object>): void {
  areaTexts.push(texts);
  for (const { code } of LANGUAGES) {
    if (i18n.hasResourceBundle(code, 'translation')) {
      i18n.addResourceBundle(code, 'translation', texts[code], true, true);
    }
  }
}

/** Switches the language once its texts are here (the language switch). */
export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { 'pt-BR': { translation: ptBR } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  initAsync: false, // render the first frame in the right language: see `i18nReady`
  interpolation: { escapeValue: false }, // React escapes
  showSupportNotice: false, // keep the browser console for our own messages
});

/** Resolves once the remembered language's texts are loaded and chosen; the app renders after it. */
export const i18nReady = switchLanguage(remembered).catch(() => {});

export { i18n };
