import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { DEFAULT_LANGUAGE, isLanguage, rememberLanguage, storedLanguage } from './languages.ts';
import { ptBR, type Translation } from './pt-BR.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  if (isLanguage(language)) rememberLanguage(language);
});

void i18n.use(initReactI18next).init({
  resources: { 'pt-BR': { translation: ptBR }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  initAsync: false, // resources are bundled: render the first frame in the right language
  interpolation: { escapeValue: false }, // React escapes
  showSupportNotice: false, // keep the browser console for our own messages
});

export { i18n };
