import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/index.ts';
import { LANGUAGES } from '../i18n/languages.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('app.languageLabel')}</legend>
      {LANGUAGES.map(({ code, name }) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language-switch__option"
          aria-pressed={i18n.resolvedLanguage === code}
          onClick={() => void switchLanguage(code)}
        >
          {name}
        </button>
      ))}
    </fieldset>
  );
}
